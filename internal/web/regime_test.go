package web_test

import (
	"context"
	"net/url"
	"testing"

	"tiendo/internal/reporting"
)

// regimeIs checks the plan's stored regime and the frequency of its stored periods.
func regimeIs(version int, freq reporting.Frequency, dueDay int) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		ctx := context.Background()
		reg, err := a.store.Regime(ctx, a.f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if reg.Version != version || reg.Frequency != freq || reg.DueDay != dueDay {
			t.Errorf("stored regime: version %d, %s, due day %d; want version %d, %s, due day %d",
				reg.Version, reg.Frequency, reg.DueDay, version, freq, dueDay)
		}
		periods, err := a.store.Periods(ctx, a.f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if len(periods) == 0 || periods[0].Frequency != freq {
			t.Errorf("stored periods: %d, first %+v; want periods of %s", len(periods), periods, freq)
		}
	}
}

// inputValues checks the value attribute of inputs whose value holds a
// comma (which the test selectors read as a selector list).
func inputValues(want map[string]string) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		d := r.doc()
		for sel, v := range want {
			if got := attr(d.one(sel), "value"); got != v {
				t.Errorf("%s has value %q, want %q", sel, got, v)
			}
		}
	}
}

// both runs two checks.
func both(f, g func(t *testing.T, a *app, r *response)) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		f(t, a, r)
		g(t, a, r)
	}
}

// regimeForm is a complete regime form holding the defaults, with the
// changes in kv; a value "-" leaves the field out (an unticked box).
func regimeForm(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{"version": {"0"}, "frequency": {"quarter"}, "due_day": {"10"}, "due_month": {"last"}, "cutoff_day": {"15"},
			"remind_before": {"7, 2"}, "remind_after": {"1"}, "remind_weekly": {"1"}, "due_soon_days": {"7"}}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "-" {
				v.Del(kv[i])
				continue
			}
			v.Set(kv[i], a.expand(kv[i+1]))
		}
		return v
	}
}

// regimeScenarios edit the plan's reporting regime: who may, the defaults
// and the preview of periods they give, field errors beside the fields, a
// save that regenerates the periods, a conflict between two editors, and
// the summary every reader sees on the plan page. The fixed day is
// 01/09/2025, in Quý III/2025.
func regimeScenarios() []scenario {
	const path = "/plans/{plan}/regime"
	return []scenario{
		// Who may.
		{name: "regime: anon goes to sign-in", role: "anon", method: "GET", path: path, status: 303, loc: toLogin + "%2Fplans%2F{plan}%2Fregime"},
		{name: "regime: leader may not", role: "leader", method: "GET", path: path, status: 403, sel: []string{msgForbidden}},
		{name: "regime: head may not", role: "head", method: "GET", path: path, status: 403},
		{name: "regime: officer may not save", role: "officer", method: "POST", path: path, form: regimeForm(), status: 403, then: regimeIs(0, reporting.Quarterly, 10)},
		{name: "regime: unknown plan", role: "coordinator", method: "GET", path: "/plans/999999/regime", status: 404, sel: []string{msgNotFound}},
		{name: "regime: unknown plan, save", role: "admin", method: "POST", path: "/plans/999999/regime", form: regimeForm(), status: 404},

		// The plan page before any regime is saved: the defaults, for everyone.
		{name: "plan page: default regime for a reader", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			sel: []string{"dd.regime .regime-default"}, none: []string{"a.regime-link"},
			text: map[string]string{"dd.regime .regime-summary": "Hằng quý, hạn ngày 10 tháng cuối kỳ"}},
		{name: "plan page: editor's link", role: "coordinator", method: "GET", path: "/plans/{plan}", status: 200,
			sel: []string{"dd.regime a.regime-link[href=/plans/{plan}/regime]"}},

		// The form: defaults and the periods they give.
		{name: "regime form with the defaults", role: "coordinator", method: "GET", path: path, status: 200,
			sel: []string{"form.regime-form[method=post][action=/plans/{plan}/regime] input[type=hidden][name=version][value=0]",
				"select#frequency option[selected][value=quarter]", "input#due_day[value=10]", "select#due_month option[selected][value=last]",
				"input#cutoff_day[value=15]", "input#remind_after[value=1]", "input#remind_weekly[checked]",
				"input#due_soon_days[value=7]", "p.regime-state", "button[name=action][value=preview]", "nav a[href=/plans][aria-current=page]"},
			none:  []string{".field.invalid", ".form-error", ".alert-ok"},
			count: map[string]int{"select#frequency option": 4, "table.periods-preview tbody tr": 4, "table.periods-preview tr.current": 1},
			text: map[string]string{"select#frequency option[value=half]": "6 tháng",
				"table.periods-preview tr[data-period=2025-Q3] .period-label": "Quý III/2025 Kỳ hiện tại",
				"table.periods-preview tr[data-period=2025-Q3] .cutoff":       "15/05/2025 – 14/08/2025",
				"table.periods-preview tr[data-period=2025-Q3] .due":          "10/09/2025",
				"table.periods-preview tr[data-period=2025-Q4] .due":          "10/12/2025",
				"table.periods-preview tr[data-period=2026-Q1] .cutoff":       "15/11/2025 – 14/02/2026",
				"table.periods-preview tr[data-period=2026-Q2] .due":          "10/06/2026"},
			then: inputValues(map[string]string{"input#remind_before": "7, 2"})},
		{name: "regime form for the admin", role: "admin", method: "GET", path: path, status: 200, sel: []string{"form.regime-form"}},

		// Field errors beside the fields, the input kept, nothing saved.
		{name: "regime invalid", role: "coordinator", method: "POST", path: path,
			form:   regimeForm("due_day", "40", "due_month", "3", "cutoff_day", "1", "remind_before", "7, hai", "remind_after", "100", "due_soon_days", "abc"),
			status: 422,
			sel: []string{".field.invalid[data-field=due_day] .field-error", "input#due_day[value=40]",
				"select#due_month option[selected][value=3]", "input#remind_after[value=100]", "input#due_soon_days[value=abc]"},
			none: []string{".field.invalid[data-field=frequency]", "table.periods-preview"},
			text: map[string]string{
				"[data-field=due_day] .field-error":       "Ngày hạn báo cáo phải từ 1 đến 31.",
				"[data-field=due_month] .field-error":     "với báo cáo năm",
				"[data-field=cutoff_day] .field-error":    "Ngày chốt số liệu phải từ 2 đến 28.",
				"[data-field=remind_before] .field-error": "cách nhau bằng dấu phẩy",
				"[data-field=remind_after] .field-error":  "Số ngày nhắc phải từ 0 đến 90.",
				"[data-field=due_soon_days] .field-error": "Hãy nhập một số nguyên",
			},
			then: both(regimeIs(0, reporting.Quarterly, 10), inputValues(map[string]string{"input#remind_before": "7, hai"}))},
		{name: "regime: an empty due day is not silently the default", role: "coordinator", method: "POST", path: path,
			form: regimeForm("due_day", "", "cutoff_day", "0"), status: 422,
			sel:  []string{".field.invalid[data-field=due_day]", ".field.invalid[data-field=cutoff_day]"},
			then: regimeIs(0, reporting.Quarterly, 10)},

		// A preview of unsaved input saves nothing.
		{name: "regime preview", role: "coordinator", method: "POST", path: path,
			form:   regimeForm("frequency", "year", "due_day", "31", "due_month", "next", "action", "preview"),
			status: 200,
			sel:    []string{"select#frequency option[selected][value=year]", "input#due_day[value=31]"},
			text: map[string]string{".regime-preview h2": "chưa lưu",
				"table.periods-preview tr[data-period=2025] .due":    "31/01/2026",
				"table.periods-preview tr[data-period=2025] .cutoff": "15/12/2024 – 14/12/2025"},
			then: regimeIs(0, reporting.Quarterly, 10)},

		// Saving: normalised, versioned, periods regenerated.
		{name: "regime save", role: "coordinator", method: "POST", path: path,
			form: regimeForm("frequency", "half", "due_day", "15", "due_month", "next", "cutoff_day", "20",
				"remind_before", "3, 10, 3", "remind_after", "2;1", "remind_weekly", "-", "due_soon_days", "10"),
			status: 303, loc: "/plans/{plan}/regime?saved=1$", then: regimeIs(1, reporting.HalfYearly, 15)},
		{name: "regime saved shows", role: "coordinator", method: "GET", path: path + "?saved=1", status: 200,
			sel: []string{".alert-ok", "input[name=version][value=1]", "select#frequency option[selected][value=half]", "select#due_month option[selected][value=next]",
				"input#due_soon_days[value=10]"},
			none: []string{"input#remind_weekly[checked]"},
			text: map[string]string{"p.regime-state": "lần lưu thứ 1",
				"table.periods-preview tr[data-period=2025-H2] .period-label": "6 tháng cuối năm 2025",
				"table.periods-preview tr[data-period=2025-H2] .cutoff":       "20/06/2025 – 19/12/2025",
				"table.periods-preview tr[data-period=2025-H2] .due":          "15/01/2026",
				"table.periods-preview tr[data-period=2026-H1] .due":          "15/07/2026"},
			then: inputValues(map[string]string{"input#remind_before": "10, 3", "input#remind_after": "1, 2"})},
		{name: "plan page shows the saved regime", role: "officer", method: "GET", path: "/plans/{plan}", status: 200,
			none: []string{"dd.regime .regime-default", "a.regime-link"},
			text: map[string]string{"dd.regime .regime-summary": "6 tháng, hạn ngày 15 tháng đầu kỳ sau"}},

		// Two editors: the second is told, keeps the input, sees the other save.
		{name: "regime conflict keeps the input", role: "admin", method: "POST", path: path,
			form:   regimeForm("version", "0", "frequency", "quarter", "due_day", "20", "remind_before", "5"),
			status: 409,
			sel: []string{"input#due_day[value=20]", "input#remind_before[value=5]", "select#frequency option[selected][value=quarter]",
				"input[name=version][value=1]", ".saved-values .their-regime", "table.periods-preview"},
			text: map[string]string{".form-error": "Người khác vừa lưu chế độ báo cáo", ".saved-values .their-regime": "6 tháng, hạn ngày 15 tháng đầu kỳ sau"},
			then: regimeIs(1, reporting.HalfYearly, 15)},
		{name: "saving again after the conflict overwrites knowingly", role: "admin", method: "POST", path: path,
			form:   regimeForm("version", "1", "frequency", "quarter", "due_day", "20", "remind_before", "5"),
			status: 303, then: regimeIs(2, reporting.Quarterly, 20)},
	}
}
