package notify_test

import (
	"errors"
	"flag"
	"io"
	"testing"
	"time"

	"tiendo/internal/notify"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnv(t *testing.T) {
	full := map[string]string{notify.EnvHost: "mail.camau.gov.vn", notify.EnvFrom: "Hệ thống tiendo <tiendo@camau.gov.vn>",
		notify.EnvUser: "tiendo", notify.EnvPassword: "bí mật"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range full {
			m[a] = b
		}
		m[k] = v
		return m
	}
	cfg, err := notify.FromEnv(env(nil))
	if err != nil || cfg.Enabled() {
		t.Fatalf("empty environment: %+v %v, want e-mail off", cfg, err)
	}
	cfg, err = notify.FromEnv(env(full))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 587 || cfg.TLS != notify.TLSStartTLS || cfg.Timeout != 30*time.Second || cfg.Username != "tiendo" || cfg.Password != "bí mật" {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, c := range []struct {
		tls  string
		port int
	}{{"tls", 465}, {"TLS", 465}, {"starttls", 587}} {
		cfg, err := notify.FromEnv(env(with(notify.EnvTLS, c.tls)))
		if err != nil || cfg.Port != c.port {
			t.Errorf("TLS %s: port %d (%v), want %d", c.tls, cfg.Port, err, c.port)
		}
	}
	noAuth := map[string]string{notify.EnvHost: "localhost", notify.EnvFrom: "a@b.vn", notify.EnvTLS: "none"}
	if cfg, err := notify.FromEnv(env(noAuth)); err != nil || cfg.Port != 25 {
		t.Errorf("none: %+v %v", cfg, err)
	}
	for _, c := range []struct {
		name    string
		env     map[string]string
		setting string
	}{
		{"no sender", map[string]string{notify.EnvHost: "mail"}, notify.EnvFrom},
		{"bad sender", with(notify.EnvFrom, "không phải địa chỉ"), notify.EnvFrom},
		{"port not a number", with(notify.EnvPort, "smtp"), notify.EnvPort},
		{"port out of range", with(notify.EnvPort, "70000"), notify.EnvPort},
		{"unknown TLS mode", with(notify.EnvTLS, "ssl"), notify.EnvTLS},
		{"user without password", with(notify.EnvPassword, ""), notify.EnvPassword},
		{"password in clear", with(notify.EnvTLS, "none"), notify.EnvTLS},
	} {
		_, err := notify.FromEnv(env(c.env))
		var ce *notify.ConfigError
		if !errors.As(err, &ce) || ce.Setting != c.setting {
			t.Errorf("%s: %v, want a ConfigError on %s", c.name, err, c.setting)
		}
	}
}

func TestConfigFlags(t *testing.T) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	smtp := notify.Flags(fs, env(map[string]string{notify.EnvHost: "mail.env", notify.EnvFrom: "a@b.vn", notify.EnvPort: "2525",
		notify.EnvUser: "tiendo", notify.EnvPassword: "bí mật"}))
	if err := fs.Parse([]string{"--smtp-host", "mail.flag", "--smtp-tls", "TLS", "--smtp-port", "", "--smtp-from", "tiendo@camau.gov.vn"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := smtp()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "mail.flag" || cfg.TLS != notify.TLSImplicit || cfg.Port != 465 || cfg.From != "tiendo@camau.gov.vn" ||
		cfg.Username != "tiendo" || cfg.Password != "bí mật" {
		t.Errorf("after flags: %+v", cfg)
	}
	if fs.Lookup("smtp-password") != nil {
		t.Error("a password flag would show in the process list")
	}

	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	smtp = notify.Flags(fs, env(map[string]string{notify.EnvHost: "mail.env", notify.EnvFrom: "a@b.vn"}))
	if err := fs.Parse([]string{"--smtp-port", "x"}); err != nil {
		t.Fatal(err)
	}
	var ce *notify.ConfigError
	if _, err := smtp(); !errors.As(err, &ce) || ce.Setting != notify.EnvPort {
		t.Errorf("bad --smtp-port: %v", err)
	}
}
