package api

import (
	"strconv"
	"strings"
)

// checkVersion compares the version a client says it read with the current
// one. The client may send it as If-Match (the ETag of GET /tasks/{id}:
// "3", W/"3", a list of them, or * for any) and/or as a body field; both,
// when sent, must match. Sending neither means "whatever is current".
func checkVersion(ifMatch string, body optional[int], current int) error {
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
			return staleVersion(ifMatch, current)
		}
	}
	if body.Set && !body.Null && body.Value != current {
		return staleVersion(strconv.Itoa(body.Value), current)
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
