defmodule MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCentersTest do
  use MyApp.DataCase

  alias MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters

  describe "refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plans" do
    alias MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan

    import MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCentersFixtures

    @invalid_attrs %{
      incident_reference: nil,
      probe_readings_celsius: nil,
      inspector_notes: nil,
      facility_id: nil
    }

    test "list_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plans/0 returns all refrigerated shipment temperature excursion incident report with corrective action plans" do
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan =
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture()

      assert TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.list_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plans() ==
               [
                 refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
               ]
    end

    test "get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!/1 returns the refrigerated shipment temperature excursion incident report with corrective action plan with the given id" do
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan =
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture()

      assert TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!(
               refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.id
             ) ==
               refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
    end

    test "create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan/1 with valid data creates a refrigerated shipment temperature excursion incident report with corrective action plan" do
      facility = monitored_cold_storage_facility_fixture()

      valid_attrs = %{
        incident_reference: "some incident_reference",
        probe_readings_celsius: [
          1,
          2,
          3,
          4,
          5,
          6,
          7,
          8,
          9,
          10,
          11,
          12,
          13,
          14,
          15,
          16,
          17,
          18,
          19,
          20,
          21,
          22,
          23,
          24,
          25,
          26,
          27,
          28,
          29,
          30,
          31,
          32,
          33,
          34,
          35,
          36,
          37,
          38,
          39
        ],
        inspector_notes: [
          "option1",
          "option2",
          "option3",
          "option4",
          "option5",
          "option6",
          "option7",
          "option8",
          "option9",
          "option10",
          "option11",
          "option12"
        ],
        facility_id: facility.id
      }

      assert {:ok,
              refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
                 valid_attrs
               )

      assert %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{} =
               refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.incident_reference ==
               "some incident_reference"

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.probe_readings_celsius ==
               [
                 1,
                 2,
                 3,
                 4,
                 5,
                 6,
                 7,
                 8,
                 9,
                 10,
                 11,
                 12,
                 13,
                 14,
                 15,
                 16,
                 17,
                 18,
                 19,
                 20,
                 21,
                 22,
                 23,
                 24,
                 25,
                 26,
                 27,
                 28,
                 29,
                 30,
                 31,
                 32,
                 33,
                 34,
                 35,
                 36,
                 37,
                 38,
                 39
               ]

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.inspector_notes ==
               [
                 "option1",
                 "option2",
                 "option3",
                 "option4",
                 "option5",
                 "option6",
                 "option7",
                 "option8",
                 "option9",
                 "option10",
                 "option11",
                 "option12"
               ]

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.facility_id ==
               facility.id
    end

    test "create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.create_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
                 @invalid_attrs
               )
    end

    test "update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan/2 with valid data updates the refrigerated shipment temperature excursion incident report with corrective action plan" do
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan =
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture()

      update_attrs = %{
        incident_reference: "some updated incident_reference",
        probe_readings_celsius: [
          1,
          2,
          3,
          4,
          5,
          6,
          7,
          8,
          9,
          10,
          11,
          12,
          13,
          14,
          15,
          16,
          17,
          18,
          19,
          20,
          21,
          22,
          23,
          24,
          25,
          26,
          27,
          28,
          29,
          30,
          31,
          32,
          33,
          34,
          35,
          36,
          37,
          38,
          39
        ],
        inspector_notes: [
          "option1",
          "option2",
          "option3",
          "option4",
          "option5",
          "option6",
          "option7",
          "option8",
          "option9",
          "option10",
          "option11",
          "option12"
        ]
      }

      assert {:ok,
              refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
                 refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan,
                 update_attrs
               )

      assert %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{} =
               refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.incident_reference ==
               "some updated incident_reference"

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.probe_readings_celsius ==
               [
                 1,
                 2,
                 3,
                 4,
                 5,
                 6,
                 7,
                 8,
                 9,
                 10,
                 11,
                 12,
                 13,
                 14,
                 15,
                 16,
                 17,
                 18,
                 19,
                 20,
                 21,
                 22,
                 23,
                 24,
                 25,
                 26,
                 27,
                 28,
                 29,
                 30,
                 31,
                 32,
                 33,
                 34,
                 35,
                 36,
                 37,
                 38,
                 39
               ]

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.inspector_notes ==
               [
                 "option1",
                 "option2",
                 "option3",
                 "option4",
                 "option5",
                 "option6",
                 "option7",
                 "option8",
                 "option9",
                 "option10",
                 "option11",
                 "option12"
               ]
    end

    test "update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan/2 with invalid data returns an error changeset" do
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan =
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture()

      assert {:error, %Ecto.Changeset{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.update_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
                 refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan,
                 @invalid_attrs
               )

      assert refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan ==
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!(
                 refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.id
               )
    end

    test "delete_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan/1 deletes the refrigerated shipment temperature excursion incident report with corrective action plan" do
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan =
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture()

      assert {:ok,
              %RefrigeratedShipmentTemperatureExcursionIncidentReportWithCorrectiveActionPlan{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.delete_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
                 refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
               )

      assert_raise Ecto.NoResultsError, fn ->
        TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan!(
          refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan.id
        )
      end
    end

    test "change_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan/1 returns a refrigerated shipment temperature excursion incident report with corrective action plan changeset" do
      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan =
        refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture()

      assert %Ecto.Changeset{} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.change_refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan(
                 refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan
               )
    end
  end

  describe "monitored_cold_storage_facilities" do
    alias MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.MonitoredColdStorageFacility

    import MyApp.TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCentersFixtures

    @invalid_attrs %{name: nil}

    test "list_monitored_cold_storage_facilities/0 returns all monitored cold storage facilities" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()

      assert TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.list_monitored_cold_storage_facilities() ==
               [monitored_cold_storage_facility]
    end

    test "get_monitored_cold_storage_facility!/1 returns the monitored cold storage facility with the given id" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()

      assert TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_monitored_cold_storage_facility!(
               monitored_cold_storage_facility.id
             ) ==
               monitored_cold_storage_facility
    end

    test "create_monitored_cold_storage_facility/1 with valid data creates a monitored cold storage facility" do
      valid_attrs = %{name: "some name"}

      assert {:ok, %MonitoredColdStorageFacility{} = monitored_cold_storage_facility} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.create_monitored_cold_storage_facility(
                 valid_attrs
               )

      assert monitored_cold_storage_facility.name == "some name"
    end

    test "create_monitored_cold_storage_facility/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.create_monitored_cold_storage_facility(
                 @invalid_attrs
               )
    end

    test "update_monitored_cold_storage_facility/2 with valid data updates the monitored cold storage facility" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()
      update_attrs = %{name: "some updated name"}

      assert {:ok, %MonitoredColdStorageFacility{} = monitored_cold_storage_facility} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.update_monitored_cold_storage_facility(
                 monitored_cold_storage_facility,
                 update_attrs
               )

      assert monitored_cold_storage_facility.name == "some updated name"
    end

    test "update_monitored_cold_storage_facility/2 with invalid data returns an error changeset" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()

      assert {:error, %Ecto.Changeset{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.update_monitored_cold_storage_facility(
                 monitored_cold_storage_facility,
                 @invalid_attrs
               )

      assert monitored_cold_storage_facility ==
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_monitored_cold_storage_facility!(
                 monitored_cold_storage_facility.id
               )
    end

    test "delete_monitored_cold_storage_facility/1 deletes the monitored cold storage facility" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()

      assert {:ok, %MonitoredColdStorageFacility{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.delete_monitored_cold_storage_facility(
                 monitored_cold_storage_facility
               )

      assert_raise Ecto.NoResultsError, fn ->
        TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_monitored_cold_storage_facility!(
          monitored_cold_storage_facility.id
        )
      end
    end

    test "delete_monitored_cold_storage_facility/1 keeps the monitored cold storage facility while excursion incident reports point at it" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()

      refrigerated_shipment_temperature_excursion_incident_report_with_corrective_action_plan_fixture(
        %{facility_id: monitored_cold_storage_facility.id}
      )

      assert {:error, %Ecto.Changeset{}} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.delete_monitored_cold_storage_facility(
                 monitored_cold_storage_facility
               )

      assert TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.get_monitored_cold_storage_facility!(
               monitored_cold_storage_facility.id
             ) ==
               monitored_cold_storage_facility
    end

    test "change_monitored_cold_storage_facility/1 returns a monitored cold storage facility changeset" do
      monitored_cold_storage_facility = monitored_cold_storage_facility_fixture()

      assert %Ecto.Changeset{} =
               TemperatureExcursionMonitoringForPharmaceuticalColdChainDistributionCenters.change_monitored_cold_storage_facility(
                 monitored_cold_storage_facility
               )
    end
  end
end
