defmodule MyApp.BlogTest do
  use MyApp.DataCase

  alias MyApp.Blog

  describe "posts" do
    alias MyApp.Blog.Post

    import MyApp.BlogFixtures
    import MyApp.AccountsFixtures, only: [user_scope_fixture: 0]

    @invalid_attrs %{title: nil, body: nil}

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
      valid_attrs = %{title: "some title", body: "some body"}

      assert {:ok, %Post{} = post} = Blog.create_post(scope, valid_attrs)
      assert post.title == "some title"
      assert post.body == "some body"
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
      update_attrs = %{title: "some updated title", body: "some updated body"}

      assert {:ok, %Post{} = post} = Blog.update_post(scope, post, update_attrs)
      assert post.title == "some updated title"
      assert post.body == "some updated body"
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
      comment_fixture(scope, %{post: post})

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

    @invalid_attrs %{body: nil}

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

    test "create_comment/3 with valid data creates a comment" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      valid_attrs = %{body: "some body"}

      assert {:ok, %Comment{} = comment} = Blog.create_comment(scope, post, valid_attrs)
      assert comment.body == "some body"
      assert comment.post_id == post.id
      assert comment.user_id == scope.user.id
    end

    test "create_comment/3 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      assert {:error, %Ecto.Changeset{}} = Blog.create_comment(scope, post, @invalid_attrs)
    end

    test "create_comment/3 takes user_id from the scope, not from attrs" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      comment = comment_fixture(scope, %{user_id: other_scope.user.id})

      assert comment.user_id == scope.user.id
    end

    test "create_comment/3 takes post_id from post, not from attrs" do
      scope = user_scope_fixture()
      post = post_fixture(scope)
      other_post = post_fixture(scope)
      comment = comment_fixture(scope, %{post: post, post_id: other_post.id})

      assert comment.post_id == post.id
    end

    test "update_comment/3 cannot move the comment to another post" do
      scope = user_scope_fixture()
      comment = comment_fixture(scope)
      other_post = post_fixture(scope)

      assert {:ok, %Comment{} = updated} =
               Blog.update_comment(scope, comment, %{post_id: other_post.id})

      assert updated.post_id == comment.post_id
    end

    test "create_comment/3 with another scope's post raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      other_post = post_fixture(other_scope)

      assert_raise MatchError, fn -> Blog.create_comment(scope, other_post, %{}) end
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

  describe "books" do
    alias MyApp.Blog.Book

    import MyApp.BlogFixtures

    @invalid_attrs %{title: nil}

    test "list_books/0 returns all books" do
      book = book_fixture()
      assert Blog.list_books() == [book]
    end

    test "get_book!/1 returns the book with the given id" do
      book = book_fixture()
      assert Blog.get_book!(book.id) == book
    end

    test "create_book/1 with valid data creates a book" do
      valid_attrs = %{title: "some title"}

      assert {:ok, %Book{} = book} = Blog.create_book(valid_attrs)
      assert book.title == "some title"
    end

    test "create_book/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Blog.create_book(@invalid_attrs)
    end

    test "update_book/2 with valid data updates the book" do
      book = book_fixture()
      update_attrs = %{title: "some updated title"}

      assert {:ok, %Book{} = book} = Blog.update_book(book, update_attrs)
      assert book.title == "some updated title"
    end

    test "update_book/2 with invalid data returns an error changeset" do
      book = book_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.update_book(book, @invalid_attrs)
      assert book == Blog.get_book!(book.id)
    end

    test "delete_book/1 deletes the book" do
      book = book_fixture()
      assert {:ok, %Book{}} = Blog.delete_book(book)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_book!(book.id) end
    end

    test "delete_book/1 keeps the book while notes point at it" do
      book = book_fixture()
      note_fixture(MyApp.AccountsFixtures.user_scope_fixture(), %{book: book})

      assert {:error, %Ecto.Changeset{}} = Blog.delete_book(book)
      assert Blog.get_book!(book.id) == book
    end

    test "change_book/1 returns a book changeset" do
      book = book_fixture()
      assert %Ecto.Changeset{} = Blog.change_book(book)
    end
  end

  describe "notes" do
    alias MyApp.Blog.Note

    import MyApp.BlogFixtures
    import MyApp.AccountsFixtures, only: [user_scope_fixture: 0]

    @invalid_attrs %{body: nil}

    test "subscribe_notes/1 receives the scope's changes only" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()

      assert :ok = Blog.subscribe_notes(scope)
      other_note = note_fixture(other_scope)
      note = note_fixture(scope)
      assert_receive {:created, ^note}
      refute_received {:created, ^other_note}
    end

    test "list_notes/1 returns all scoped notes" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      note = note_fixture(scope)
      other_note = note_fixture(other_scope)
      assert Blog.list_notes(scope) == [note]
      assert Blog.list_notes(other_scope) == [other_note]
    end

    test "get_note!/2 returns the note with the given id" do
      scope = user_scope_fixture()
      note = note_fixture(scope)
      other_scope = user_scope_fixture()
      assert Blog.get_note!(scope, note.id) == note
      assert_raise Ecto.NoResultsError, fn -> Blog.get_note!(other_scope, note.id) end
    end

    test "create_note/3 with valid data creates a note" do
      scope = user_scope_fixture()
      book = book_fixture()
      valid_attrs = %{body: "some body"}

      assert {:ok, %Note{} = note} = Blog.create_note(scope, book, valid_attrs)
      assert note.body == "some body"
      assert note.book_id == book.id
      assert note.user_id == scope.user.id
    end

    test "create_note/3 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      book = book_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.create_note(scope, book, @invalid_attrs)
    end

    test "create_note/3 takes user_id from the scope, not from attrs" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      note = note_fixture(scope, %{user_id: other_scope.user.id})

      assert note.user_id == scope.user.id
    end

    test "create_note/3 takes book_id from book, not from attrs" do
      scope = user_scope_fixture()
      book = book_fixture()
      other_book = book_fixture()
      note = note_fixture(scope, %{book: book, book_id: other_book.id})

      assert note.book_id == book.id
    end

    test "update_note/3 cannot move the note to another book" do
      scope = user_scope_fixture()
      note = note_fixture(scope)
      other_book = book_fixture()

      assert {:ok, %Note{} = updated} = Blog.update_note(scope, note, %{book_id: other_book.id})
      assert updated.book_id == note.book_id
    end

    test "update_note/3 with valid data updates the note" do
      scope = user_scope_fixture()
      note = note_fixture(scope)
      update_attrs = %{body: "some updated body"}

      assert {:ok, %Note{} = note} = Blog.update_note(scope, note, update_attrs)
      assert note.body == "some updated body"
    end

    test "update_note/3 with another scope raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      note = note_fixture(scope)

      assert_raise MatchError, fn -> Blog.update_note(other_scope, note, %{}) end
      assert Blog.get_note!(scope, note.id) == note
    end

    test "update_note/3 with invalid data returns an error changeset" do
      scope = user_scope_fixture()
      note = note_fixture(scope)
      assert {:error, %Ecto.Changeset{}} = Blog.update_note(scope, note, @invalid_attrs)
      assert note == Blog.get_note!(scope, note.id)
    end

    test "delete_note/2 deletes the note" do
      scope = user_scope_fixture()
      note = note_fixture(scope)
      assert {:ok, %Note{}} = Blog.delete_note(scope, note)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_note!(scope, note.id) end
    end

    test "delete_note/2 with another scope raises" do
      scope = user_scope_fixture()
      other_scope = user_scope_fixture()
      note = note_fixture(scope)

      assert_raise MatchError, fn -> Blog.delete_note(other_scope, note) end
      assert Blog.get_note!(scope, note.id) == note
    end

    test "change_note/2 returns a note changeset" do
      scope = user_scope_fixture()
      note = note_fixture(scope)
      assert %Ecto.Changeset{} = Blog.change_note(scope, note)
    end
  end
end
