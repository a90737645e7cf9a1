defmodule MyApp.BlogTest do
  use MyApp.DataCase

  alias MyApp.Blog

  describe "posts" do
    alias MyApp.Blog.Post

    import MyApp.BlogFixtures

    @invalid_attrs %{title: nil}

    test "list_posts/0 returns all posts" do
      post = post_fixture()
      assert Blog.list_posts() == [post]
    end

    test "get_post!/1 returns the post with the given id" do
      post = post_fixture()
      assert Blog.get_post!(post.id) == post
    end

    test "create_post/1 with valid data creates a post" do
      valid_attrs = %{title: "some title"}

      assert {:ok, %Post{} = post} = Blog.create_post(valid_attrs)
      assert post.title == "some title"
    end

    test "create_post/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Blog.create_post(@invalid_attrs)
    end

    test "update_post/2 with valid data updates the post" do
      post = post_fixture()
      update_attrs = %{title: "some updated title"}

      assert {:ok, %Post{} = post} = Blog.update_post(post, update_attrs)
      assert post.title == "some updated title"
    end

    test "update_post/2 with invalid data returns an error changeset" do
      post = post_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.update_post(post, @invalid_attrs)
      assert post == Blog.get_post!(post.id)
    end

    test "delete_post/1 deletes the post" do
      post = post_fixture()
      assert {:ok, %Post{}} = Blog.delete_post(post)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_post!(post.id) end
    end

    test "delete_post/1 keeps the post while comments point at it" do
      post = post_fixture()
      comment_fixture(%{post: post})

      assert {:error, %Ecto.Changeset{}} = Blog.delete_post(post)
      assert Blog.get_post!(post.id) == post
    end

    test "change_post/1 returns a post changeset" do
      post = post_fixture()
      assert %Ecto.Changeset{} = Blog.change_post(post)
    end
  end

  describe "comments" do
    alias MyApp.Blog.Comment

    import MyApp.BlogFixtures
    import MyApp.AccountsFixtures, only: [user_fixture: 0]

    @invalid_attrs %{body: nil, author_id: nil}

    test "list_comments/0 returns all comments" do
      comment = comment_fixture()
      assert Blog.list_comments() == [comment]
    end

    test "get_comment!/1 returns the comment with the given id" do
      comment = comment_fixture()
      assert Blog.get_comment!(comment.id) == comment
    end

    test "create_comment/2 with valid data creates a comment" do
      post = post_fixture()
      author = user_fixture()
      valid_attrs = %{body: "some body", author_id: author.id}

      assert {:ok, %Comment{} = comment} = Blog.create_comment(post, valid_attrs)
      assert comment.body == "some body"
      assert comment.post_id == post.id
      assert comment.author_id == author.id
    end

    test "create_comment/2 with invalid data returns an error changeset" do
      post = post_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.create_comment(post, @invalid_attrs)
    end

    test "create_comment/2 takes post_id from post, not from attrs" do
      post = post_fixture()
      other_post = post_fixture()
      comment = comment_fixture(%{post: post, post_id: other_post.id})

      assert comment.post_id == post.id
    end

    test "update_comment/2 cannot move the comment to another post" do
      comment = comment_fixture()
      other_post = post_fixture()

      assert {:ok, %Comment{} = updated} = Blog.update_comment(comment, %{post_id: other_post.id})
      assert updated.post_id == comment.post_id
    end

    test "update_comment/2 with valid data updates the comment" do
      comment = comment_fixture()
      update_attrs = %{body: "some updated body"}

      assert {:ok, %Comment{} = comment} = Blog.update_comment(comment, update_attrs)
      assert comment.body == "some updated body"
    end

    test "update_comment/2 with invalid data returns an error changeset" do
      comment = comment_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.update_comment(comment, @invalid_attrs)
      assert comment == Blog.get_comment!(comment.id)
    end

    test "delete_comment/1 deletes the comment" do
      comment = comment_fixture()
      assert {:ok, %Comment{}} = Blog.delete_comment(comment)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_comment!(comment.id) end
    end

    test "create_comment/2 and update_comment/2 set the tags from tag_ids" do
      tag = tag_fixture()
      comment = comment_fixture(%{tag_ids: [tag.id]})
      assert comment.tags == [tag]

      assert {:ok, comment} = Blog.update_comment(comment, %{tag_ids: []})
      assert comment.tags == []
    end

    test "change_comment/1 returns a comment changeset" do
      comment = comment_fixture()
      assert %Ecto.Changeset{} = Blog.change_comment(comment)
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
