package smtp

import "fmt"

// ConfigError says which SMTP setting is wrong and how; Setting names the
// environment variable, which is also how the flag is documented.
type ConfigError struct {
	Setting string // e.g. TIENDO_SMTP_PORT
	Problem string
}

// Error says which setting is wrong, for the log and the command line.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("smtp: %s: %s", e.Setting, e.Problem)
}

// SendError is an e-mail the SMTP server did not accept (or could not be
// reached for). The reminder ledger keeps the reminder pending and retries
// it on a later run.
type SendError struct {
	Subject string
	Err     error
}

// Error names the message and the SMTP failure.
func (e *SendError) Error() string {
	return fmt.Sprintf("smtp: sending %q: %v", e.Subject, e.Err)
}

// Unwrap gives go-mail's error: a dial error, or, when the server refused
// the message, go-mail's *SendError (its IsTemp tells 4xx from 5xx).
func (e *SendError) Unwrap() error { return e.Err }
