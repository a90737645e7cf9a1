defmodule MyApp.SettingsTest do
  use MyApp.DataCase

  alias MyApp.Settings

  describe "preferences" do
    alias MyApp.Settings.Preference

    import MyApp.SettingsFixtures

    @invalid_attrs %{data: "not a map"}

    test "list_preferences/0 returns all preferences" do
      preference = preference_fixture()
      assert Settings.list_preferences() == [preference]
    end

    test "get_preference!/1 returns the preference with the given preference_id" do
      preference = preference_fixture()
      assert Settings.get_preference!(preference.preference_id) == preference
    end

    test "create_preference/1 with valid data creates a preference" do
      valid_attrs = %{data: %{}, note: "some note"}

      assert {:ok, %Preference{} = preference} = Settings.create_preference(valid_attrs)
      assert preference.data == %{}
      assert preference.note == "some note"
    end

    test "create_preference/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Settings.create_preference(@invalid_attrs)
    end

    test "update_preference/2 with valid data updates the preference" do
      preference = preference_fixture()
      update_attrs = %{data: %{}, note: "some updated note"}

      assert {:ok, %Preference{} = preference} =
               Settings.update_preference(preference, update_attrs)

      assert preference.data == %{}
      assert preference.note == "some updated note"
    end

    test "update_preference/2 with invalid data returns an error changeset" do
      preference = preference_fixture()
      assert {:error, %Ecto.Changeset{}} = Settings.update_preference(preference, @invalid_attrs)
      assert preference == Settings.get_preference!(preference.preference_id)
    end

    test "delete_preference/1 deletes the preference" do
      preference = preference_fixture()
      assert {:ok, %Preference{}} = Settings.delete_preference(preference)

      assert_raise Ecto.NoResultsError, fn ->
        Settings.get_preference!(preference.preference_id)
      end
    end

    test "change_preference/1 returns a preference changeset" do
      preference = preference_fixture()
      assert %Ecto.Changeset{} = Settings.change_preference(preference)
    end
  end

  describe "markers" do
    alias MyApp.Settings.Marker

    import MyApp.SettingsFixtures

    test "list_markers/0 returns all markers" do
      marker = marker_fixture()
      assert Settings.list_markers() == [marker]
    end

    test "get_marker!/1 returns the marker with the given id" do
      marker = marker_fixture()
      assert Settings.get_marker!(marker.id) == marker
    end

    test "create_marker/1 with valid data creates a marker" do
      valid_attrs = %{}

      assert {:ok, %Marker{}} = Settings.create_marker(valid_attrs)
    end

    test "update_marker/2 with valid data updates the marker" do
      marker = marker_fixture()
      update_attrs = %{}

      assert {:ok, %Marker{}} = Settings.update_marker(marker, update_attrs)
    end

    test "delete_marker/1 deletes the marker" do
      marker = marker_fixture()
      assert {:ok, %Marker{}} = Settings.delete_marker(marker)
      assert_raise Ecto.NoResultsError, fn -> Settings.get_marker!(marker.id) end
    end

    test "change_marker/1 returns a marker changeset" do
      marker = marker_fixture()
      assert %Ecto.Changeset{} = Settings.change_marker(marker)
    end
  end
end
