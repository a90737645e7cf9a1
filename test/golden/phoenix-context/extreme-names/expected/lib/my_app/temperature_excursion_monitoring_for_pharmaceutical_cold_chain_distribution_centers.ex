defmodule MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters do
  @moduledoc """
  The TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters context.
  """

  import Ecto.Query, warn: false

  alias MyApp.Repo

  alias MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.MonitoredColdStorageFacility

  alias MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan

  @doc """
  Returns every refrigerated shipment temperature excursion incident report with corrective action plan, in no particular order.

  ## Examples

      iex> list_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plans()
      [%RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}, ...]

  """
  def list_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plans do
    Repo.all(RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan)
  end

  @doc """
  Fetches one refrigerated shipment temperature excursion incident report with corrective action plan by its id.

  Raises `Ecto.NoResultsError` when no refrigerated shipment temperature excursion incident report with corrective action plan has it.

  ## Examples

      iex> get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!(123)
      %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}

      iex> get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!(456)
      ** (Ecto.NoResultsError)

  """
  def get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!(
        id
      ) do
    Repo.get!(RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan, id)
  end

  @doc """
  Inserts a refrigerated shipment temperature excursion incident report with corrective action plan built from `attrs`.

  Returns `{:ok, refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(%{field: value})
      {:ok, %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}}

      iex> create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
        attrs
      ) do
    %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}
    |> RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan.changeset(
      attrs
    )
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan` and saves it.

  Returns `{:ok, refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan, %{field: new_value})
      {:ok, %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}}

      iex> update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
        %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{} =
          refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan,
        attrs
      ) do
    refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
    |> RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan.changeset(
      attrs
    )
    |> Repo.update()
  end

  @doc """
  Deletes `refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan`.

  Returns `{:ok,
  refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan}`. A
  row of another table that still points at it makes the database refuse, which raises
  `Ecto.ConstraintError`.

  ## Examples

      iex> delete_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan)
      {:ok, %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}}

  """
  def delete_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
        %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{} =
          refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
      ) do
    Repo.delete(
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
    )
  end

  @doc """
  Returns a changeset of `refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan)
      %Ecto.Changeset{data: %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}}

  """
  def change_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
        %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{} =
          refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan,
        attrs \\ %{}
      ) do
    RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan.changeset(
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan,
      attrs
    )
  end

  @doc """
  Returns every monitored cold storage facility, in no particular order.

  ## Examples

      iex> list_monitored_cold_storage_facilities()
      [%MonitoredColdStorageFacility{}, ...]

  """
  def list_monitored_cold_storage_facilities do
    Repo.all(MonitoredColdStorageFacility)
  end

  @doc """
  Fetches one monitored cold storage facility by its id.

  Raises `Ecto.NoResultsError` when no monitored cold storage facility has it.

  ## Examples

      iex> get_monitored_cold_storage_facility!(123)
      %MonitoredColdStorageFacility{}

      iex> get_monitored_cold_storage_facility!(456)
      ** (Ecto.NoResultsError)

  """
  def get_monitored_cold_storage_facility!(id), do: Repo.get!(MonitoredColdStorageFacility, id)

  @doc """
  Inserts a monitored cold storage facility built from `attrs`.

  Returns `{:ok, monitored_cold_storage_facility}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_monitored_cold_storage_facility(%{field: value})
      {:ok, %MonitoredColdStorageFacility{}}

      iex> create_monitored_cold_storage_facility(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_monitored_cold_storage_facility(attrs) do
    %MonitoredColdStorageFacility{}
    |> MonitoredColdStorageFacility.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `monitored_cold_storage_facility` and saves it.

  Returns `{:ok, monitored_cold_storage_facility}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_monitored_cold_storage_facility(monitored_cold_storage_facility, %{field: new_value})
      {:ok, %MonitoredColdStorageFacility{}}

      iex> update_monitored_cold_storage_facility(monitored_cold_storage_facility, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_monitored_cold_storage_facility(
        %MonitoredColdStorageFacility{} = monitored_cold_storage_facility,
        attrs
      ) do
    monitored_cold_storage_facility
    |> MonitoredColdStorageFacility.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `monitored_cold_storage_facility`.

  Returns `{:ok, monitored_cold_storage_facility}`. While rows of `:excursion_incident_reports`
  still point at it, nothing is deleted and it returns `{:error, changeset}` with the error on
  that association, instead of raising.

  ## Examples

      iex> delete_monitored_cold_storage_facility(monitored_cold_storage_facility)
      {:ok, %MonitoredColdStorageFacility{}}

      iex> delete_monitored_cold_storage_facility(monitored_cold_storage_facility)
      {:error, %Ecto.Changeset{}}

  """
  def delete_monitored_cold_storage_facility(
        %MonitoredColdStorageFacility{} = monitored_cold_storage_facility
      ) do
    monitored_cold_storage_facility
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:excursion_incident_reports)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `monitored_cold_storage_facility` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_monitored_cold_storage_facility(monitored_cold_storage_facility)
      %Ecto.Changeset{data: %MonitoredColdStorageFacility{}}

  """
  def change_monitored_cold_storage_facility(
        %MonitoredColdStorageFacility{} = monitored_cold_storage_facility,
        attrs \\ %{}
      ) do
    MonitoredColdStorageFacility.changeset(monitored_cold_storage_facility, attrs)
  end
end
