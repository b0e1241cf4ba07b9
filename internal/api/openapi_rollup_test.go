package api

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

// TestOpenAPIRollupSchemasMatchJSON checks the linked-plans schemas
// against the Go types the handlers encode and decode.
func TestOpenAPIRollupSchemasMatchJSON(t *testing.T) {
	s := schemas()
	for name, v := range map[string]any{
		"PlanLevelPut": planLevelBody{}, "TaskLinksPut": taskLinksBody{}, "TaskLink": taskLinkJSON{},
		"DownstreamLink": downstreamJSON{}, "TaskLinkEvent": taskLinkEventJSON{}, "TaskLinks": taskLinksJSON{},
		"LinkCandidate": candidateJSON{}, "LinkSheetResult": linkSheetJSON{}, "RollupLinked": rollupLinkedJSON{},
		"RollupItem": rollupItemJSON{}, "Rollup": rollupJSON{}, "RollupImport": importedJSON{}, "RollupPackage": packageJSON{},
		"RollupIdentity": identityJSON{}, "RollupSender": senderJSON{}, "RollupSenderPost": senderBody{},
	} {
		props := slices.Sorted(maps.Keys(s[name].(obj)["properties"].(obj)))
		fields := slices.Sorted(slices.Values(jsonFields(reflect.TypeOf(v))))
		if !slices.Equal(props, fields) {
			t.Errorf("schema %s has %v, Go type has %v", name, props, fields)
		}
	}
}
