package api

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

// TestOpenAPIRankingSchemas checks that the ranking schemas' properties are
// exactly the JSON fields of the types ranking_view.go encodes.
func TestOpenAPIRankingSchemas(t *testing.T) {
	s := schemas()
	rk := s["Ranking"].(obj)["properties"].(obj)
	for name, c := range map[string]struct {
		props obj
		v     any
	}{
		"Ranking":          {rk, rankingJSON{}},
		"weights":          {rk["weights"].(obj)["properties"].(obj), rankingWeightsJSON{}},
		"RankingItem":      {s["RankingItem"].(obj)["properties"].(obj), rankRowJSON{}},
		"RankingComponent": {s["RankingComponent"].(obj)["properties"].(obj), componentJSON{}},
	} {
		props := slices.Sorted(maps.Keys(c.props))
		fields := slices.Sorted(slices.Values(jsonFields(reflect.TypeOf(c.v))))
		if !slices.Equal(props, fields) {
			t.Errorf("schema %s has %v, Go type has %v", name, props, fields)
		}
	}
}
