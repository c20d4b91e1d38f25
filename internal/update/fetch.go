package update

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// userAgent identifies scopeplan's requests.
const userAgent = "scopeplan-update (+https://github.com/scopeplan/scopeplan)"

// validators are a cached copy's HTTP validators.
type validators struct {
	etag, lastModified string
}

// fetched is the outcome of fetch.
type fetched struct {
	notModified        bool
	body               []byte
	etag, lastModified string
	attempts           int
	// status is the HTTP status of the last answer (0 without one).
	status int
	// finalURL is where the body came from after redirects ("" when the
	// request was not redirected).
	finalURL string
}

// ErrRedirectHost is returned for a redirect to a host other than the
// source's, which is refused unless the host is allowed.
var ErrRedirectHost = errors.New("redirect to another host refused")

// redirectPolicy follows redirects within the source's host (and to the
// hosts allowed), at most ten, and refuses any other.
func (u *Updater) redirectPolicy(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	from := via[0].URL
	if strings.EqualFold(req.URL.Hostname(), from.Hostname()) || slices.ContainsFunc(u.AllowRedirectHosts, func(h string) bool {
		return strings.EqualFold(h, req.URL.Host) || strings.EqualFold(h, req.URL.Hostname())
	}) {
		return nil
	}
	return fmt.Errorf("%w: %s to %s (allow it with --allow-redirect %s)", ErrRedirectHost, from.Host, req.URL.Host, req.URL.Hostname())
}

// fetch GETs url, retrying timeouts and 5xx answers with exponential
// backoff. Nothing else is retried: a DNS failure or a refused connection
// will not mend in a few seconds, and a 4xx answer is the server's word.
func (u *Updater) fetch(ctx context.Context, url string, cond validators) (fetched, error) {
	backoff := u.Backoff
	if backoff <= 0 {
		backoff = DefaultBackoff
	}
	attempts := 0
	for {
		attempts++
		f, retry, err := u.attempt(ctx, url, cond)
		f.attempts = attempts
		if err == nil {
			return f, nil
		}
		if !retry || attempts > u.Retries {
			if retry && attempts > 1 {
				err = fmt.Errorf("%w (after %d attempts)", err, attempts)
			}
			return f, err
		}
		if werr := sleep(ctx, backoff); werr != nil {
			return f, fmt.Errorf("%w (gave up waiting to retry: %v)", err, werr)
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// attempt sends one request. retry says whether its failure is worth
// another attempt.
func (u *Updater) attempt(ctx context.Context, url string, cond validators) (f fetched, retry bool, err error) {
	timeout := u.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	limit := u.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, url, nil)
	if err != nil {
		return f, false, fmt.Errorf("request %s: %w", url, err)
	}
	req.Header.Set("User-Agent", userAgent)
	if cond.etag != "" {
		req.Header.Set("If-None-Match", cond.etag)
	}
	if cond.lastModified != "" {
		req.Header.Set("If-Modified-Since", cond.lastModified)
	}
	client := &http.Client{}
	if u.Client != nil {
		c := *u.Client
		client = &c
	}
	if client.CheckRedirect == nil {
		client.CheckRedirect = u.redirectPolicy
	}
	resp, err := client.Do(req)
	if errors.Is(err, ErrRedirectHost) {
		return f, false, fmt.Errorf("GET %s: %w", url, err)
	}
	if err != nil {
		return f, retryable(ctx, actx, err), fmt.Errorf("GET %s: %w", url, timeoutNote(err, actx, timeout))
	}
	defer resp.Body.Close()
	f.status = resp.StatusCode
	if resp.Request != nil && resp.Request.URL.String() != url {
		f.finalURL = resp.Request.URL.String()
	}
	f.etag = resp.Header.Get("ETag")
	f.lastModified = resp.Header.Get("Last-Modified")
	switch {
	case resp.StatusCode == http.StatusNotModified:
		f.notModified = true
		return f, false, nil
	case resp.StatusCode >= 500:
		drain(resp.Body)
		return f, true, fmt.Errorf("GET %s: server error: %s", url, resp.Status)
	case resp.StatusCode != http.StatusOK:
		drain(resp.Body)
		return f, false, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	if resp.ContentLength > limit {
		return f, false, fmt.Errorf("GET %s: body of %d bytes exceeds the limit of %d", url, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return f, retryable(ctx, actx, err), fmt.Errorf("GET %s: read body: %w", url, timeoutNote(err, actx, timeout))
	}
	if int64(len(body)) > limit {
		return f, false, fmt.Errorf("GET %s: body exceeds the limit of %d bytes", url, limit)
	}
	f.body = body
	return f, false, nil
}

// retryable says whether a failed request is worth another attempt: only
// when the attempt timed out (its own deadline, or the network's), never
// after the caller's cancellation or a DNS failure.
func retryable(ctx, actx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return false
	}
	if errors.Is(actx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// timeoutNote says so when an attempt ran out of time.
func timeoutNote(err error, actx context.Context, timeout time.Duration) error {
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("timed out after %s: %w", timeout, err)
	}
	return err
}

// drain reads a little of an unwanted body so the connection can be
// reused.
func drain(r io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r, 64<<10))
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
