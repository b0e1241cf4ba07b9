package rollup

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"
)

func testPackage() *Package {
	return &Package{Sender: Sender{Name: "Ủy ban nhân dân tỉnh Cà Mau"}, CreatedAt: time.Date(2026, 6, 5, 3, 0, 0, 0, time.UTC),
		AsOf: "2026-06-05", Plan: PlanRef{Code: "03/NQ-CP", Title: "Chương trình hành động <của> Chính phủ & các bộ"},
		Period: PeriodRef{Key: "2026-Q2", Label: "Quý II/2026", Start: "2026-04-01", End: "2026-06-30"},
		Items: []PackageItem{{UpstreamTask: TaskRef{Number: 1, Title: "Xây dựng cơ sở dữ liệu"}, Status: "in_progress",
			Linked: []PackageTask{{Plan: PlanRef{Code: "60/KH-UBND"}, TaskID: 4, Number: 2, Title: "Cơ sở dữ liệu tỉnh",
				Agency: "Sở KH&CN", Status: "in_progress", Progress: 40, Result: "Đã số hóa 40% hồ sơ.",
				Evidence: []Evidence{{Text: "Quyết định số 12/QĐ-SKHCN", Files: []File{{Name: "qd.pdf", Size: 10, SHA256: "ab"}}}}}}}},
	}
}

func TestSignVerify(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	file, err := Sign(testPackage(), key)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Verify(file)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !v.Key.Equal(pub) || v.Plan.Title != testPackage().Plan.Title || v.Items[0].Linked[0].Progress != 40 || len(v.Digest) != 64 {
		t.Errorf("verified %+v", v)
	}
	// Any change to the payload breaks it, even one a JSON reader would not see.
	for _, tamper := range []struct{ from, to string }{
		{`"progress":40`, `"progress":90`},
		{`"progress":40`, `"progress": 40`},
		{`Đã số hóa 40%`, `Đã số hóa 90%`},
	} {
		bad := bytes.Replace(file, []byte(tamper.from), []byte(tamper.to), 1)
		if bytes.Equal(bad, file) {
			t.Fatalf("%q not in the file", tamper.from)
		}
		if _, err := Verify(bad); !errors.Is(err, ErrBadSignature) {
			t.Errorf("tampered %q → %q: %v, want ErrBadSignature", tamper.from, tamper.to, err)
		}
	}
	// Another key's signature under this key's name.
	_, other, _ := ed25519.GenerateKey(nil)
	forged, _ := Sign(testPackage(), other)
	forged = bytes.Replace(forged, []byte(EncodeKey(other.Public().(ed25519.PublicKey))), []byte(EncodeKey(pub)), 1)
	if _, err := Verify(forged); !errors.Is(err, ErrBadSignature) {
		t.Errorf("forged: %v", err)
	}
	for _, junk := range []string{"", "{}", `{"format":"x"}`, "PK\x03\x04", strings.Repeat("x", 100)} {
		if _, err := Verify([]byte(junk)); !errors.Is(err, ErrNotPackage) {
			t.Errorf("Verify(%q) = %v, want ErrNotPackage", junk, err)
		}
	}
}

func TestDecodeKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	s := EncodeKey(pub)
	got, err := DecodeKey(" " + s[:20] + "\n" + s[20:] + " ")
	if err != nil || !got.Equal(pub) {
		t.Errorf("DecodeKey: %v", err)
	}
	if _, err := DecodeKey("abc"); err == nil {
		t.Error("a short key was read")
	}
	if len(Fingerprint(pub)) != 19 {
		t.Errorf("fingerprint %q", Fingerprint(pub))
	}
}
