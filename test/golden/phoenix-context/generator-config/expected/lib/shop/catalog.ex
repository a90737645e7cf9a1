defmodule Shop.Catalog do
  @moduledoc """
  The Catalog context.
  """

  import Ecto.Query, warn: false

  alias Shop.Catalog.Category
  alias Shop.Catalog.Product
  alias Shop.Catalog.Review
  alias Shop.Repo

  @doc """
  Returns every category, in no particular order.

  ## Examples

      iex> list_categories()
      [%Category{}, ...]

  """
  def list_categories do
    Repo.all(Category)
  end

  @doc """
  Fetches one category by its id.

  Raises `Ecto.NoResultsError` when no category has it.

  ## Examples

      iex> get_category!("7488a646-e31f-11e4-aace-600308960662")
      %Category{}

      iex> get_category!("7488a646-e31f-11e4-aace-600308960668")
      ** (Ecto.NoResultsError)

  """
  def get_category!(id), do: Repo.get!(Category, id)

  @doc """
  Inserts a category built from `attrs`.

  Returns `{:ok, category}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_category(%{field: value})
      {:ok, %Category{}}

      iex> create_category(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_category(attrs) do
    %Category{}
    |> Category.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `category` and saves it.

  Returns `{:ok, category}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_category(category, %{field: new_value})
      {:ok, %Category{}}

      iex> update_category(category, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_category(%Category{} = category, attrs) do
    category
    |> Category.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `category`.

  Returns `{:ok, category}`. While rows of `:products` still point at it, nothing is deleted and
  it returns `{:error, changeset}` with the error on that association, instead of raising.

  ## Examples

      iex> delete_category(category)
      {:ok, %Category{}}

      iex> delete_category(category)
      {:error, %Ecto.Changeset{}}

  """
  def delete_category(%Category{} = category) do
    category
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:products)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `category` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_category(category)
      %Ecto.Changeset{data: %Category{}}

  """
  def change_category(%Category{} = category, attrs \\ %{}) do
    Category.changeset(category, attrs)
  end

  @doc """
  Returns every product, in no particular order.

  ## Examples

      iex> list_products()
      [%Product{}, ...]

  """
  def list_products do
    Repo.all(Product)
  end

  @doc """
  Fetches one product by its id.

  Raises `Ecto.NoResultsError` when no product has it.

  ## Examples

      iex> get_product!("7488a646-e31f-11e4-aace-600308960662")
      %Product{}

      iex> get_product!("7488a646-e31f-11e4-aace-600308960668")
      ** (Ecto.NoResultsError)

  """
  def get_product!(id), do: Repo.get!(Product, id)

  @doc """
  Inserts a product built from `attrs`.

  Returns `{:ok, product}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_product(%{field: value})
      {:ok, %Product{}}

      iex> create_product(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_product(attrs) do
    %Product{}
    |> Product.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `product` and saves it.

  Returns `{:ok, product}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_product(product, %{field: new_value})
      {:ok, %Product{}}

      iex> update_product(product, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_product(%Product{} = product, attrs) do
    product
    |> Product.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `product`.

  Returns `{:ok, product}`. While rows of `:reviews` still point at it, nothing is deleted and
  it returns `{:error, changeset}` with the error on that association, instead of raising.

  ## Examples

      iex> delete_product(product)
      {:ok, %Product{}}

      iex> delete_product(product)
      {:error, %Ecto.Changeset{}}

  """
  def delete_product(%Product{} = product) do
    product
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:reviews)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `product` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_product(product)
      %Ecto.Changeset{data: %Product{}}

  """
  def change_product(%Product{} = product, attrs \\ %{}) do
    Product.changeset(product, attrs)
  end

  @doc """
  Returns every review, in no particular order.

  ## Examples

      iex> list_reviews()
      [%Review{}, ...]

  """
  def list_reviews do
    Repo.all(Review)
  end

  @doc """
  Fetches one review by its id.

  Raises `Ecto.NoResultsError` when no review has it.

  ## Examples

      iex> get_review!(123)
      %Review{}

      iex> get_review!(456)
      ** (Ecto.NoResultsError)

  """
  def get_review!(id), do: Repo.get!(Review, id)

  @doc """
  Inserts a review built from `attrs`.

  Returns `{:ok, review}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_review(%{field: value})
      {:ok, %Review{}}

      iex> create_review(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_review(attrs) do
    %Review{}
    |> Review.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `review` and saves it.

  Returns `{:ok, review}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_review(review, %{field: new_value})
      {:ok, %Review{}}

      iex> update_review(review, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_review(%Review{} = review, attrs) do
    review
    |> Review.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `review`.

  Returns `{:ok, review}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_review(review)
      {:ok, %Review{}}

  """
  def delete_review(%Review{} = review) do
    Repo.delete(review)
  end

  @doc """
  Returns a changeset of `review` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_review(review)
      %Ecto.Changeset{data: %Review{}}

  """
  def change_review(%Review{} = review, attrs \\ %{}) do
    Review.changeset(review, attrs)
  end
end
