package api

import (
	"slices"
	"strconv"
	"strings"
)

// checkVersion compares the version a client says it read with the current
// one. The client may send it as If-Match (the ETag of GET /tasks/{id}:
// "3", W/"3", a list of them, or * for any) and/or as a body field; both,
// when sent, must match. Sending neither means "whatever is current".
func checkVersion(ifMatch string, body optional[int], current int) error {
	return checkVersionOf(ifMatch, body, current, staleVersion)
}

// checkVersionOf is checkVersion with the 409 that stale builds, so that
// each kind of object names itself in the message.
func checkVersionOf(ifMatch string, body optional[int], current int, stale func(sent string, current int) *apiError) error {
	if ifMatch = strings.TrimSpace(ifMatch); ifMatch != "" && ifMatch != "*" {
		matched := false
		for tag := range strings.SplitSeq(ifMatch, ",") {
			v, ok := parseETag(tag)
			if !ok {
				return badRequest(map[string]string{"If-Match": "Dạng đúng: If-Match: \"3\" (phiên bản đã đọc)."},
					"Tiêu đề If-Match %q không hợp lệ.", ifMatch)
			}
			matched = matched || v == current
		}
		if !matched {
			return stale(ifMatch, current)
		}
	}
	if body.Set && !body.Null && body.Value != current {
		return stale(strconv.Itoa(body.Value), current)
	}
	return nil
}

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

// staleVersion is the 409 for a client that read an older version.
func staleVersion(sent string, current int) *apiError {
	return conflict("Nhiệm vụ đã được sửa sau khi bạn đọc (bạn gửi phiên bản %s, hiện tại là %d); hãy đọc lại rồi sửa tiếp.", sent, current)
}

// versioned reports whether the client named a version, in If-Match
// (other than *) or in the body: then a conflict is its to resolve, and
// the server never retries over it.
func versioned(ifMatch string, body optional[int]) bool {
	ifMatch = strings.TrimSpace(ifMatch)
	return ifMatch != "" && ifMatch != "*" || body.Set && !body.Null
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
