defmodule EnterpriseResourcePlanning.HumanResources.Compensation.SalaryAdjustmentRequest do
  use Ecto.Schema
  import Ecto.Changeset

  schema "salary_adjustment_requests" do
    field :adjustment_reason_category, Ecto.Enum,
      values: [
        :promotion,
        :market_adjustment,
        :performance_review,
        :retention_offer,
        :cost_of_living,
        :internal_equity
      ],
      default: :performance_review

    field :previous_annual_base_salary, :decimal
    field :requested_annual_base_salary, :decimal
    field :effective_from_date, :date

    field :approval_chain_history, {:array, Ecto.Enum},
      values: [:manager_approved, :director_approved, :finance_approved, :hr_approved, :rejected]

    field :justification_summary_text, :string

    belongs_to :requesting_manager,
               EnterpriseResourcePlanning.HumanResources.Organization.EmployeeRecord,
               foreign_key: :requesting_manager_employee_id

    belongs_to :affected_employee,
               EnterpriseResourcePlanning.HumanResources.Organization.EmployeeRecord

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(salary_adjustment_request, attrs) do
    salary_adjustment_request
    |> cast(attrs, [
      :adjustment_reason_category,
      :previous_annual_base_salary,
      :requested_annual_base_salary,
      :effective_from_date,
      :approval_chain_history,
      :justification_summary_text,
      :requesting_manager_employee_id,
      :affected_employee_id
    ])
    |> validate_required([
      :adjustment_reason_category,
      :previous_annual_base_salary,
      :requested_annual_base_salary,
      :effective_from_date,
      :approval_chain_history,
      :justification_summary_text,
      :requesting_manager_employee_id,
      :affected_employee_id
    ])
    |> validate_length(:justification_summary_text, min: 20, max: 5000)
    |> unique_constraint(
      [:affected_employee_id, :effective_from_date, :adjustment_reason_category],
      name: :salary_adjustment_requests_employee_date_reason_index
    )
    |> foreign_key_constraint(:requesting_manager_employee_id)
    |> foreign_key_constraint(:affected_employee_id)
  end
end
