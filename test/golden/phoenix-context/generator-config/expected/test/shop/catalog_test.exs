defmodule Shop.CatalogTest do
  use Shop.DataCase

  alias Shop.Catalog

  describe "categories" do
    alias Shop.Catalog.Category

    import Shop.CatalogFixtures

    @invalid_attrs %{name: nil}

    test "list_categories/0 returns all categories" do
      category = category_fixture()
      assert Catalog.list_categories() == [category]
    end

    test "get_category!/1 returns the category with the given id" do
      category = category_fixture()
      assert Catalog.get_category!(category.id) == category
    end

    test "create_category/1 with valid data creates a category" do
      valid_attrs = %{name: "some name"}

      assert {:ok, %Category{} = category} = Catalog.create_category(valid_attrs)
      assert category.name == "some name"
    end

    test "create_category/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Catalog.create_category(@invalid_attrs)
    end

    test "update_category/2 with valid data updates the category" do
      category = category_fixture()
      update_attrs = %{name: "some updated name"}

      assert {:ok, %Category{} = category} = Catalog.update_category(category, update_attrs)
      assert category.name == "some updated name"
    end

    test "update_category/2 with invalid data returns an error changeset" do
      category = category_fixture()
      assert {:error, %Ecto.Changeset{}} = Catalog.update_category(category, @invalid_attrs)
      assert category == Catalog.get_category!(category.id)
    end

    test "delete_category/1 deletes the category" do
      category = category_fixture()
      assert {:ok, %Category{}} = Catalog.delete_category(category)
      assert_raise Ecto.NoResultsError, fn -> Catalog.get_category!(category.id) end
    end

    test "delete_category/1 keeps the category while products point at it" do
      category = category_fixture()
      product_fixture(%{category_id: category.id})

      assert {:error, %Ecto.Changeset{}} = Catalog.delete_category(category)
      assert Catalog.get_category!(category.id) == category
    end

    test "change_category/1 returns a category changeset" do
      category = category_fixture()
      assert %Ecto.Changeset{} = Catalog.change_category(category)
    end
  end

  describe "products" do
    alias Shop.Catalog.Product

    import Shop.CatalogFixtures

    @invalid_attrs %{title: nil, price: nil, category_id: nil}

    test "list_products/0 returns all products" do
      product = product_fixture()
      assert Catalog.list_products() == [product]
    end

    test "get_product!/1 returns the product with the given id" do
      product = product_fixture()
      assert Catalog.get_product!(product.id) == product
    end

    test "create_product/1 with valid data creates a product" do
      category = category_fixture()
      valid_attrs = %{title: "some title", price: "120.5", category_id: category.id}

      assert {:ok, %Product{} = product} = Catalog.create_product(valid_attrs)
      assert product.title == "some title"
      assert product.price == Decimal.new("120.5")
      assert product.category_id == category.id
    end

    test "create_product/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Catalog.create_product(@invalid_attrs)
    end

    test "update_product/2 with valid data updates the product" do
      product = product_fixture()
      update_attrs = %{title: "some updated title", price: "456.7"}

      assert {:ok, %Product{} = product} = Catalog.update_product(product, update_attrs)
      assert product.title == "some updated title"
      assert product.price == Decimal.new("456.7")
    end

    test "update_product/2 with invalid data returns an error changeset" do
      product = product_fixture()
      assert {:error, %Ecto.Changeset{}} = Catalog.update_product(product, @invalid_attrs)
      assert product == Catalog.get_product!(product.id)
    end

    test "delete_product/1 deletes the product" do
      product = product_fixture()
      assert {:ok, %Product{}} = Catalog.delete_product(product)
      assert_raise Ecto.NoResultsError, fn -> Catalog.get_product!(product.id) end
    end

    test "delete_product/1 keeps the product while reviews point at it" do
      product = product_fixture()
      review_fixture(%{product_id: product.id})

      assert {:error, %Ecto.Changeset{}} = Catalog.delete_product(product)
      assert Catalog.get_product!(product.id) == product
    end

    test "change_product/1 returns a product changeset" do
      product = product_fixture()
      assert %Ecto.Changeset{} = Catalog.change_product(product)
    end
  end

  describe "reviews" do
    alias Shop.Catalog.Review

    import Shop.CatalogFixtures

    @invalid_attrs %{body: nil, product_id: nil}

    test "list_reviews/0 returns all reviews" do
      review = review_fixture()
      assert Catalog.list_reviews() == [review]
    end

    test "get_review!/1 returns the review with the given id" do
      review = review_fixture()
      assert Catalog.get_review!(review.id) == review
    end

    test "create_review/1 with valid data creates a review" do
      product = product_fixture()
      valid_attrs = %{body: "some body", product_id: product.id}

      assert {:ok, %Review{} = review} = Catalog.create_review(valid_attrs)
      assert review.body == "some body"
      assert review.product_id == product.id
    end

    test "create_review/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Catalog.create_review(@invalid_attrs)
    end

    test "update_review/2 with valid data updates the review" do
      review = review_fixture()
      update_attrs = %{body: "some updated body"}

      assert {:ok, %Review{} = review} = Catalog.update_review(review, update_attrs)
      assert review.body == "some updated body"
    end

    test "update_review/2 with invalid data returns an error changeset" do
      review = review_fixture()
      assert {:error, %Ecto.Changeset{}} = Catalog.update_review(review, @invalid_attrs)
      assert review == Catalog.get_review!(review.id)
    end

    test "delete_review/1 deletes the review" do
      review = review_fixture()
      assert {:ok, %Review{}} = Catalog.delete_review(review)
      assert_raise Ecto.NoResultsError, fn -> Catalog.get_review!(review.id) end
    end

    test "change_review/1 returns a review changeset" do
      review = review_fixture()
      assert %Ecto.Changeset{} = Catalog.change_review(review)
    end
  end
end
