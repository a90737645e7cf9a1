defmodule MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.MonitoredColdStorageFacility do
  use Ecto.Schema
  import Ecto.Changeset

  schema "monitored_facilities" do
    field :name, :string

    has_many :excursion_incident_reports,
             MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan,
             foreign_key: :facility_id

    timestamps()
  end

  @doc false
  def changeset(monitored_cold_storage_facility, attrs) do
    monitored_cold_storage_facility
    |> cast(attrs, [:name])
    |> validate_required([:name])
  end
end
