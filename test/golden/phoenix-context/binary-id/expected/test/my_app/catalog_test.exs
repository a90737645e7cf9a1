defmodule MyApp.CatalogTest do
  use MyApp.DataCase

  alias MyApp.Catalog

  describe "products" do
    alias MyApp.Catalog.Product

    import MyApp.CatalogFixtures

    @invalid_attrs %{name: nil, price: nil, sku: nil}

    test "list_products/0 returns all products" do
      product = product_fixture()
      assert Catalog.list_products() == [product]
    end

    test "get_product!/1 returns the product with the given id" do
      product = product_fixture()
      assert Catalog.get_product!(product.id) == product
    end

    test "create_product/1 with valid data creates a product" do
      valid_attrs = %{
        name: "some name",
        price: "120.5",
        sku: "7488a646-e31f-11e4-aace-600308960662"
      }

      assert {:ok, %Product{} = product} = Catalog.create_product(valid_attrs)
      assert product.name == "some name"
      assert product.price == Decimal.new("120.5")
      assert product.sku == "7488a646-e31f-11e4-aace-600308960662"
    end

    test "create_product/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Catalog.create_product(@invalid_attrs)
    end

    test "update_product/2 with valid data updates the product" do
      product = product_fixture()

      update_attrs = %{
        name: "some updated name",
        price: "456.7",
        sku: "7488a646-e31f-11e4-aace-600308960668"
      }

      assert {:ok, %Product{} = product} = Catalog.update_product(product, update_attrs)
      assert product.name == "some updated name"
      assert product.price == Decimal.new("456.7")
      assert product.sku == "7488a646-e31f-11e4-aace-600308960668"
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
    alias MyApp.Catalog.Review

    import MyApp.CatalogFixtures

    @invalid_attrs %{rating: nil, product_id: nil}

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
      valid_attrs = %{rating: 42, product_id: product.id}

      assert {:ok, %Review{} = review} = Catalog.create_review(valid_attrs)
      assert review.rating == 42
      assert review.product_id == product.id
    end

    test "create_review/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Catalog.create_review(@invalid_attrs)
    end

    test "update_review/2 with valid data updates the review" do
      review = review_fixture()
      update_attrs = %{rating: 43}

      assert {:ok, %Review{} = review} = Catalog.update_review(review, update_attrs)
      assert review.rating == 43
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
