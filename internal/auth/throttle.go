package auth

import (
	"strings"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/vntext"
)

// LoginRule is the sign-in throttle: PerAccount failures for one username,
// or PerIP from one address, within Window lock that username or address
// until Window after the last failure — also against the right password,
// so that guessing cannot go on slowly behind the lock.
type LoginRule struct {
	PerAccount, PerIP int
	Window            time.Duration
}

// DefaultLoginRule locks an account after 5 failures and an address after
// 20 within 15 minutes, for 15 minutes.
var DefaultLoginRule = LoginRule{PerAccount: 5, PerIP: 20, Window: 15 * time.Minute}

// LoginFailures are the failed sign-ins that count against one attempt:
// those of its username and those from its address, within the rule's
// window. The store counts them; the rule judges them.
type LoginFailures struct {
	Account     int       // failures of the username
	AccountLast time.Time // the latest of them; zero when none
	IP          int       // failures from the address, whatever the username
	IPLast      time.Time // the latest of them; zero when none
}

// LoginLock says whether and until when sign-in is locked.
type LoginLock struct {
	Until time.Time // zero: not locked
	ByIP  bool      // locked because of the address, not the account
}

// Locked reports whether the lock holds.
func (l LoginLock) Locked() bool { return !l.Until.IsZero() }

// Lock applies the rule to the failures counted since Window ago: the
// account's lock first, then the address's.
func (r LoginRule) Lock(f LoginFailures) LoginLock {
	if f.Account > 0 && f.Account >= r.PerAccount {
		return LoginLock{Until: f.AccountLast.Add(r.Window)}
	}
	if f.IP > 0 && f.IP >= r.PerIP {
		return LoginLock{Until: f.IPLast.Add(r.Window), ByIP: true}
	}
	return LoginLock{}
}

// Message tells a locked-out person what happened and when to retry.
func (l LoginLock) Message() string {
	at := l.Until.In(clock.Local).Format("15:04 ngày 02/01/2006")
	if l.ByIP {
		return "Máy của bạn đã đăng nhập sai quá nhiều lần nên tạm bị chặn đến " + at + ". Hãy thử lại sau thời điểm đó; nếu cần gấp, hãy liên hệ quản trị viên."
	}
	return "Tài khoản tạm bị khóa đăng nhập đến " + at + " vì nhập sai quá nhiều lần. Hãy thử lại sau thời điểm đó; nếu quên mật khẩu, hãy liên hệ quản trị viên để đặt lại."
}

// LockedError refuses a sign-in step while sign-in is locked.
type LockedError struct{ Lock LoginLock }

// Error is the person's message.
func (e *LockedError) Error() string { return e.Lock.Message() }

// ThrottleKey is the form a username is counted under: "An", " an " and
// "AN" are one account to an attacker, so they are one count.
func ThrottleKey(username string) string {
	return strings.ToLower(strings.TrimSpace(vntext.NFC(username)))
}
