package plan

import "testing"

func TestSuggestCarry(t *testing.T) {
	old := []Task{
		{ID: 1, Text: "Xây dựng kho dữ liệu dùng chung của tỉnh."},
		{ID: 2, Text: "Đào tạo kỹ năng số cho cán bộ, công chức."},
		{ID: 3, Text: "Tổ chức hội chợ thương mại."},
	}
	new := []Task{
		{ID: 10, Text: "Phát triển trung tâm đổi mới sáng tạo."},
		{ID: 11, Text: "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức."},
		{ID: 12, Text: "xay dung va van hanh kho du lieu dung chung cap tinh"}, // typed without diacritics
	}
	got := SuggestCarry(old, new)
	want := map[int64]int64{1: 12, 2: 11}
	if len(got) != len(want) {
		t.Fatalf("suggestions %+v, want %v", got, want)
	}
	for _, s := range got {
		if want[s.OldTaskID] != s.NewTaskID || s.Score < MinSimilarity || s.Score > 1 {
			t.Errorf("suggestion %+v, want %d → %d", s, s.OldTaskID, want[s.OldTaskID])
		}
	}
	if s := Similarity("Đầu tư hạ tầng số", "dau tu ha tang so"); s != 1 {
		t.Errorf("the same words without diacritics score %v, want 1", s)
	}
	if s := Similarity("", "x y"); s != 0 {
		t.Errorf("empty text scores %v", s)
	}
}
