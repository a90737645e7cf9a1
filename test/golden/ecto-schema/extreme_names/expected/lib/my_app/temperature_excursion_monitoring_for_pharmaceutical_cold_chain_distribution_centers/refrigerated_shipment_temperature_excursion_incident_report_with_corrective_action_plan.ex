defmodule MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan do
  use Ecto.Schema
  import Ecto.Changeset

  schema "excursion_incident_reports" do
    field :incident_reference, :string
    field :probe_readings_celsius, {:array, :integer}
    field :inspector_notes, {:array, :string}

    belongs_to :facility,
               MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.MonitoredColdStorageFacility

    timestamps()
  end

  @doc false
  def changeset(
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan,
        attrs
      ) do
    refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
    |> cast(attrs, [:incident_reference, :probe_readings_celsius, :inspector_notes, :facility_id])
    |> validate_required([
      :incident_reference,
      :probe_readings_celsius,
      :inspector_notes,
      :facility_id
    ])
    |> validate_length(:probe_readings_celsius, is: 39)
    |> validate_length(:inspector_notes, is: 12)
    |> unique_constraint(:incident_reference)
    |> foreign_key_constraint(:facility_id)
  end
end
