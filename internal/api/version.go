package api

import (
	"slices"
	"strconv"
	"strings"
)

// parseETag reads one entity tag holding a version: "3", W/"3", or a bare 3
// (lenient, as people type it by hand).
func parseETag(tag string) (int, bool) {
	tag = strings.TrimSpace(tag)
	tag = strings.TrimPrefix(tag, "W/")
	if len(tag) >= 2 && tag[0] == '"' && tag[len(tag)-1] == '"' {
		tag = tag[1 : len(tag)-1]
	}
	v, err := strconv.Atoi(tag)
	return v, err == nil && v >= 0
}

// readVersions are the versions the client says it read, from If-Match
// (a list of entity tags) and the body's "version", for a use case that
// checks them itself: nil when it named none (or If-Match: *), so the last
// writer wins; with both, only a version in both (none: stale at once).
func readVersions(ifMatch string, body optional[int]) ([]int, error) {
	var read []int
	if ifMatch = strings.TrimSpace(ifMatch); ifMatch != "" && ifMatch != "*" {
		read = []int{}
		for tag := range strings.SplitSeq(ifMatch, ",") {
			n, ok := parseETag(tag)
			if !ok {
				return nil, badRequest(map[string]string{"If-Match": "Dạng đúng: If-Match: \"3\" (phiên bản đã đọc)."},
					"Tiêu đề If-Match %q không hợp lệ.", ifMatch)
			}
			read = append(read, n)
		}
	}
	if body.Set && !body.Null {
		if read != nil && !slices.Contains(read, body.Value) {
			return []int{}, nil
		}
		read = []int{body.Value}
	}
	return read, nil
}
