package web_test

import (
	"context"
	"net/url"
	"testing"
)

// settingsAre checks the plan's stored figure settings.
func settingsAre(version int, green, amber, lag float64) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		got, err := a.store.FigureSettings(context.Background(), a.f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != version || got.Green != green || got.Amber != amber || got.WarningLag != lag {
			t.Errorf("stored settings %+v; want version %d, %g/%g/%g", got, version, green, amber, lag)
		}
	}
}

// settingsForm is the figure settings form with the defaults, changed by kv.
func settingsForm(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{"version": {"0"}, "green": {"100"}, "amber": {"80"}, "lag": {"25"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
}

// figureSettingsScenarios reach the dashboard's figure settings form: only
// editors see it and may save; field errors, a save and a conflict. The
// last one puts the defaults back for the scenarios that follow.
func figureSettingsScenarios() []scenario {
	const dash, save = "/plans/{plan}/dashboard", "/plans/{plan}/figure-settings"
	return []scenario{
		{name: "figure settings hidden from a leader", role: "leader", method: "GET", path: dash, status: 200,
			none: []string{"form.figure-settings-form"}},
		{name: "figure settings form for the coordinator", role: "coordinator", method: "GET", path: dash, status: 200,
			sel:  []string{"details#figure-settings form.figure-settings-form[method=post][action=/plans/{plan}/figure-settings] input[name=version][value=0]", "input#green[value=100]", "input#amber[value=80]", "input#lag[value=25]"},
			none: []string{".field.invalid", "details#figure-settings[open]"}},
		{name: "figure settings: officer may not", role: "officer", method: "POST", path: save, form: settingsForm("green", "90"), status: 403,
			then: settingsAre(0, 100, 80, 25)},
		{name: "figure settings: leader may not", role: "leader", method: "POST", path: save, form: settingsForm(), status: 403},
		{name: "figure settings: unknown plan", role: "coordinator", method: "POST", path: "/plans/999999/figure-settings", form: settingsForm(), status: 404},
		{name: "figure settings invalid", role: "coordinator", method: "POST", path: save,
			form: settingsForm("green", "tám", "amber", "-1", "lag", "150"), status: 422,
			sel: []string{"details#figure-settings[open]", ".field.invalid[data-field=green] .field-error", ".field.invalid[data-field=amber] .field-error",
				".field.invalid[data-field=lag] .field-error", "input#green[value='tám']", "input#lag[value=150]"},
			then: settingsAre(0, 100, 80, 25)},
		{name: "figure settings green not above amber", role: "coordinator", method: "POST", path: save,
			form: settingsForm("green", "80"), status: 422,
			sel: []string{".field.invalid[data-field=green]"}, none: []string{".field.invalid[data-field=amber]"},
			text: map[string]string{"[data-field=green] .field-error": "lớn hơn ngưỡng vàng"},
			then: settingsAre(0, 100, 80, 25)},
		{name: "figure settings save", role: "coordinator", method: "POST", path: save,
			form: settingsForm("green", "95,5", "amber", "70", "lag", "30"), status: 303, loc: "/plans/{plan}/dashboard?settings=saved",
			then: settingsAre(1, 95.5, 70, 30)},
		{name: "figure settings saved shows", role: "coordinator", method: "GET", path: dash + "?settings=saved", status: 200,
			sel:  []string{"details#figure-settings[open] .alert-ok", "input[name=version][value=1]", "input#lag[value=30]"},
			then: inputValues(map[string]string{"input#green": "95,5"})},
		{name: "figure settings conflict keeps the input", role: "admin", method: "POST", path: save,
			form: settingsForm("green", "110"), status: 409,
			sel:  []string{"input#green[value=110]", "input[name=version][value=1]", ".saved-values .their-settings"},
			text: map[string]string{".form-error": "Người khác vừa lưu ngưỡng"},
			then: settingsAre(1, 95.5, 70, 30)},
		{name: "figure settings back to the defaults", role: "admin", method: "POST", path: save,
			form: settingsForm("version", "1"), status: 303, then: settingsAre(2, 100, 80, 25)},
	}
}
