defmodule MyApp.BlogTest do
  use MyApp.DataCase

  alias MyApp.Blog

  describe "posts" do
    alias MyApp.Blog.Post

    import MyApp.BlogFixtures
    import MyApp.AccountsFixtures, only: [user_scope_fixture: 0]

    @invalid_attrs %{title: nil, body: nil, published: nil}

    test "subscribe_posts/1 receives the scope's changes only" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()

      assert :ok = Blog.subscribe_posts(scope)
      other_post = post_fixture(other_scope)
      post = post_fixture(scope)
      assert_receive {:created, ^post}
      refute_received {:created, ^other_post}
    end

    test "list_posts/1 returns all scoped posts" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      post = post_fixture(scope)
      other_post = post_fixture(other_scope)
      assert Blog.list_posts(scope) == [post]
      assert Blog.list_posts(other_scope) == [other_post]
    end

    test "get_post!/2 returns the post with the given id" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      other_scope = user_scope_fixture()
      assert Blog.get_post!(scope, post.id) == post
      assert_raise Ecto.NoResultsError, fn -> Blog.get_post!(other_scope, post.id) end
    end

    test "create_post/2 with valid data creates a post" do
      scope = user_scope_fixture()
      valid_attrs = %{title: "some title", body: "some body", published: true}

      assert {:ok, %Post{} = post} = Blog.create_post(scope, valid_attrs)
      assert post.title == "some title"
      assert post.body == "some body"
      assert post.published == true
      assert post.user_id == scope.user.id
    end

    test "create_post/2 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.create_post(scope, @invalid_attrs)
    end

    test "create_post/2 takes user_id from the scope, not from attrs" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      post = post_fixture(scope, %{user_id: other_scope.user.id})

      assert post.user_id == scope.user.id
    end

    test "update_post/3 with valid data updates the post" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      update_attrs = %{title: "some updated title", body: "some updated body", published: false}

      assert {:ok, %Post{} = post} = Blog.update_post(scope, post, update_attrs)
      assert post.title == "some updated title"
      assert post.body == "some updated body"
      assert post.published == false
    end

    test "update_post/3 with another scope raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      post = post_fixture(scope)

      assert_raise MatchError, fn -> Blog.update_post(other_scope, post, %{}) end
      assert Blog.get_post!(scope, post.id) == post
    end

    test "update_post/3 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      assert {:error, %Ecto.Changeset{}} = Blog.update_post(scope, post, @invalid_attrs)
      assert post == Blog.get_post!(scope, post.id)
    end

    test "delete_post/2 deletes the post" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      assert {:ok, %Post{}} = Blog.delete_post(scope, post)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_post!(scope, post.id) end
    end

    test "delete_post/2 with another scope raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      post = post_fixture(scope)

      assert_raise MatchError, fn -> Blog.delete_post(other_scope, post) end
      assert Blog.get_post!(scope, post.id) == post
    end

    test "delete_post/2 keeps the post while comments point at it" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      comment_fixture(scope, %{post_id: post.id})

      assert {:error, %Ecto.Changeset{}} = Blog.delete_post(scope, post)
      assert Blog.get_post!(scope, post.id) == post
    end

    test "change_post/2 returns a post changeset" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      assert %Ecto.Changeset{} = Blog.change_post(scope, post)
    end
  end

  describe "comments" do
    alias MyApp.Blog.Comment

    import MyApp.BlogFixtures
    import MyApp.AccountsFixtures, only: [user_scope_fixture: 0]

    @invalid_attrs %{body: nil, post_id: nil}

    test "subscribe_comments/1 receives the scope's changes only" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()

      assert :ok = Blog.subscribe_comments(scope)
      other_comment = comment_fixture(other_scope)
      comment = comment_fixture(scope)
      assert_receive {:created, ^comment}
      refute_received {:created, ^other_comment}
    end

    test "list_comments/1 returns all scoped comments" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      comment = comment_fixture(scope)
      other_comment = comment_fixture(other_scope)
      assert Blog.list_comments(scope) == [comment]
      assert Blog.list_comments(other_scope) == [other_comment]
    end

    test "get_comment!/2 returns the comment with the given id" do
      scope = user_scope_fixture()
      comment = comment_fixture(scope)
      other_scope = user_scope_fixture()
      assert Blog.get_comment!(scope, comment.id) == comment
      assert_raise Ecto.NoResultsError, fn -> Blog.get_comment!(other_scope, comment.id) end
    end

    test "create_comment/2 with valid data creates a comment" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      valid_attrs = %{body: "some body", post_id: post.id}

      assert {:ok, %Comment{} = comment} = Blog.create_comment(scope, valid_attrs)
      assert comment.body == "some body"
      assert comment.post_id == post.id
      assert comment.user_id == scope.user.id
    end

    test "create_comment/2 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.create_comment(scope, @invalid_attrs)
    end

    test "create_comment/2 takes user_id from the scope, not from attrs" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      comment = comment_fixture(scope, %{user_id: other_scope.user.id})

      assert comment.user_id == scope.user.id
    end

    test "update_comment/3 with valid data updates the comment" do
      scope = user_scope_fixture()
      comment = comment_fixture(scope)
      update_attrs = %{body: "some updated body"}

      assert {:ok, %Comment{} = comment} = Blog.update_comment(scope, comment, update_attrs)
      assert comment.body == "some updated body"
    end

    test "update_comment/3 with another scope raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      comment = comment_fixture(scope)

      assert_raise MatchError, fn -> Blog.update_comment(other_scope, comment, %{}) end
      assert Blog.get_comment!(scope, comment.id) == comment
    end

    test "update_comment/3 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      comment = comment_fixture(scope)
      assert {:error, %Ecto.Changeset{}} = Blog.update_comment(scope, comment, @invalid_attrs)
      assert comment == Blog.get_comment!(scope, comment.id)
    end

    test "delete_comment/2 deletes the comment" do
      scope = user_scope_fixture()
      comment = comment_fixture(scope)
      assert {:ok, %Comment{}} = Blog.delete_comment(scope, comment)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_comment!(scope, comment.id) end
    end

    test "delete_comment/2 with another scope raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      comment = comment_fixture(scope)

      assert_raise MatchError, fn -> Blog.delete_comment(other_scope, comment) end
      assert Blog.get_comment!(scope, comment.id) == comment
    end

    test "change_comment/2 returns a comment changeset" do
      scope = user_scope_fixture()
      comment = comment_fixture(scope)
      assert %Ecto.Changeset{} = Blog.change_comment(scope, comment)
    end
  end

  describe "tags" do
    alias MyApp.Blog.Tag

    import MyApp.BlogFixtures

    @invalid_attrs %{name: nil}

    test "list_tags/0 returns all tags" do
      tag = tag_fixture()
      assert Blog.list_tags() == [tag]
    end

    test "get_tag!/1 returns the tag with the given id" do
      tag = tag_fixture()
      assert Blog.get_tag!(tag.id) == tag
    end

    test "create_tag/1 with valid data creates a tag" do
      valid_attrs = %{name: "some name"}

      assert {:ok, %Tag{} = tag} = Blog.create_tag(valid_attrs)
      assert tag.name == "some name"
    end

    test "create_tag/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Blog.create_tag(@invalid_attrs)
    end

    test "update_tag/2 with valid data updates the tag" do
      tag = tag_fixture()
      update_attrs = %{name: "some updated name"}

      assert {:ok, %Tag{} = tag} = Blog.update_tag(tag, update_attrs)
      assert tag.name == "some updated name"
    end

    test "update_tag/2 with invalid data returns an error changeset" do
      tag = tag_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.update_tag(tag, @invalid_attrs)
      assert tag == Blog.get_tag!(tag.id)
    end

    test "delete_tag/1 deletes the tag" do
      tag = tag_fixture()
      assert {:ok, %Tag{}} = Blog.delete_tag(tag)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_tag!(tag.id) end
    end

    test "change_tag/1 returns a tag changeset" do
      tag = tag_fixture()
      assert %Ecto.Changeset{} = Blog.change_tag(tag)
    end
  end
end
