defmodule MyApp.BlogTest do
  use MyApp.DataCase

  alias MyApp.Blog

  describe "posts" do
    alias MyApp.Blog.Post

    import MyApp.BlogFixtures
    import MyApp.AccountsFixtures, only: [user_fixture: 0]

    @invalid_attrs %{title: nil, author_id: nil}

    test "list_posts/0 returns all posts" do
      post = post_fixture()
      assert Blog.list_posts() == [post]
    end

    test "get_post!/1 returns the post with the given id" do
      post = post_fixture()
      assert Blog.get_post!(post.id) == post
    end

    test "create_post/1 with valid data creates a post" do
      author = user_fixture()
      valid_attrs = %{title: "some title", author_id: author.id}

      assert {:ok, %Post{} = post} = Blog.create_post(valid_attrs)
      assert post.title == "some title"
      assert post.author_id == author.id
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

    test "change_post/1 returns a post changeset" do
      post = post_fixture()
      assert %Ecto.Changeset{} = Blog.change_post(post)
    end
  end

  describe "categories" do
    alias MyApp.Blog.Category

    import MyApp.BlogFixtures

    @invalid_attrs %{name: nil}

    test "list_categories/0 returns all categories" do
      category = category_fixture()
      assert Blog.list_categories() == [category]
    end

    test "get_category!/1 returns the category with the given id" do
      category = category_fixture()
      assert Blog.get_category!(category.id) == category
    end

    test "create_category/1 with valid data creates a category" do
      valid_attrs = %{name: "some name"}

      assert {:ok, %Category{} = category} = Blog.create_category(valid_attrs)
      assert category.name == "some name"
    end

    test "create_category/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Blog.create_category(@invalid_attrs)
    end

    test "update_category/2 with valid data updates the category" do
      category = category_fixture()
      update_attrs = %{name: "some updated name"}

      assert {:ok, %Category{} = category} = Blog.update_category(category, update_attrs)
      assert category.name == "some updated name"
    end

    test "update_category/2 with invalid data returns an error changeset" do
      category = category_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.update_category(category, @invalid_attrs)
      assert category == Blog.get_category!(category.id)
    end

    test "delete_category/1 deletes the category" do
      category = category_fixture()
      assert {:ok, %Category{}} = Blog.delete_category(category)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_category!(category.id) end
    end

    test "change_category/1 returns a category changeset" do
      category = category_fixture()
      assert %Ecto.Changeset{} = Blog.change_category(category)
    end
  end

  describe "notes" do
    alias MyApp.Blog.Note

    import MyApp.BlogFixtures

    @invalid_attrs %{text: nil}

    test "list_notes/0 returns all notes" do
      note = note_fixture()
      assert Blog.list_notes() == [note]
    end

    test "get_note!/1 returns the note with the given id" do
      note = note_fixture()
      assert Blog.get_note!(note.id) == note
    end

    test "create_note/1 with valid data creates a note" do
      valid_attrs = %{text: "some text"}

      assert {:ok, %Note{} = note} = Blog.create_note(valid_attrs)
      assert note.text == "some text"
    end

    test "create_note/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Blog.create_note(@invalid_attrs)
    end

    test "update_note/2 with valid data updates the note" do
      note = note_fixture()
      update_attrs = %{text: "some updated text"}

      assert {:ok, %Note{} = note} = Blog.update_note(note, update_attrs)
      assert note.text == "some updated text"
    end

    test "update_note/2 with invalid data returns an error changeset" do
      note = note_fixture()
      assert {:error, %Ecto.Changeset{}} = Blog.update_note(note, @invalid_attrs)
      assert note == Blog.get_note!(note.id)
    end

    test "delete_note/1 deletes the note" do
      note = note_fixture()
      assert {:ok, %Note{}} = Blog.delete_note(note)
      assert_raise Ecto.NoResultsError, fn -> Blog.get_note!(note.id) end
    end

    test "change_note/1 returns a note changeset" do
      note = note_fixture()
      assert %Ecto.Changeset{} = Blog.change_note(note)
    end
  end
end
