package figures

import (
	"maps"
	"slices"
	"testing"
)

// TestSettingsValidate: green above amber above 0 and a lag from 1 to 100
// points; each problem is named by its field, the bounds are allowed.
func TestSettingsValidate(t *testing.T) {
	set := func(g, a, lag float64) Settings {
		return Settings{Thresholds: Thresholds{Green: g, Amber: a}, WarningLag: lag}
	}
	for _, c := range []struct {
		s    Settings
		want []string // the fields at fault
	}{
		{DefaultSettings, nil},
		{set(90.5, 60, 1), nil},
		{set(120, 100, 100), nil},
		{set(80, 80, 25), []string{"green"}},
		{set(70, 80, 25), []string{"green"}},
		{set(100, 0, 25), []string{"amber"}},
		{set(100, -5, 25), []string{"amber"}},
		{set(100, 80, 0.5), []string{"lag"}},
		{set(100, 80, 101), []string{"lag"}},
		{set(0, 0, 0), []string{"amber", "green", "lag"}},
	} {
		fe := c.s.Validate()
		got := slices.Sorted(maps.Keys(fe))
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v: problems %v, want them on %v", c.s, fe, c.want)
		}
		for k, msg := range fe {
			if msg == "" {
				t.Errorf("%+v: field %s has no message", c.s, k)
			}
		}
	}
}

// TestSettingsOptions: the settings' thresholds and lag go into the
// options, which keep their period and day.
func TestSettingsOptions(t *testing.T) {
	s := Settings{Thresholds: Thresholds{Green: 90.5, Amber: 60}, WarningLag: 1}
	o := s.Options(Options{PeriodID: 7})
	if o.PeriodID != 7 || o.Lights != s.Thresholds || o.LagPoints != 1 {
		t.Errorf("Options %+v", o)
	}
}
