package smtp_test

import (
	"context"
	"net"
	"testing"
	"time"

	"tiendo/internal/notify"
	"tiendo/internal/notify/smtp"
)

// TestSendStalledServer: an SMTP server that accepts the connection and
// then says nothing does not hold the reminder job: the send fails after
// the configured timeout.
func TestSendStalledServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // hold it open, silent
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	m, err := smtp.NewMailer(smtp.Config{Host: "127.0.0.1", Port: port, TLS: smtp.TLSNone, From: "tiendo@camau.gov.vn", Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- m.Send(context.Background(), notify.Message{To: []notify.Address{{Email: "so@camau.gov.vn"}}, Subject: "Nhắc báo cáo", Body: "x"})
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("sent to a silent server")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Send still waiting on a silent server after 10 s (timeout 300 ms)")
	}
}
