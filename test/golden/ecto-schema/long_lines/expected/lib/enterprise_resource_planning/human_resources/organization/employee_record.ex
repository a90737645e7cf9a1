defmodule EnterpriseResourcePlanning.HumanResources.Organization.EmployeeRecord do
  use Ecto.Schema
  import Ecto.Changeset

  schema "employee_records" do
    field :full_legal_name, :string

    has_many :salary_adjustment_requests,
             EnterpriseResourcePlanning.HumanResources.Compensation.SalaryAdjustmentRequest,
             foreign_key: :requesting_manager_employee_id

    has_many :salary_adjustment_requests_received,
             EnterpriseResourcePlanning.HumanResources.Compensation.SalaryAdjustmentRequest,
             foreign_key: :affected_employee_id

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(employee_record, attrs) do
    employee_record
    |> cast(attrs, [:full_legal_name])
    |> validate_required([:full_legal_name])
  end
end
