package e2e

import (
	"context"
	"io"
	"net/http"
	"time"
)

// AWS is every AWS call the probes make from the machine running the test. The test uses
// CLI (the `aws` command); unit tests use fakes.
type AWS interface {
	// PutObject uploads body to bucket under key.
	PutObject(ctx context.Context, bucket, key, contentType string, body []byte) error
	// DeleteObject deletes key from bucket.
	DeleteObject(ctx context.Context, bucket, key string) error
	// InServiceInstances lists the IDs of the Auto Scaling group's InService instances.
	InServiceInstances(ctx context.Context, group string) ([]string, error)
	// RunShell runs script as root on an instance with SSM Run Command (AWS-RunShellScript)
	// and waits for it to finish.
	RunShell(ctx context.Context, instanceID, script string) (ShellResult, error)
	// PartitionKey is the name of a DynamoDB table's partition (HASH) key.
	PartitionKey(ctx context.Context, table string) (string, error)
	// AlarmsNotifying lists the CloudWatch alarms whose alarm actions include topicArn.
	AlarmsNotifying(ctx context.Context, topicArn string) ([]Alarm, error)
}

// ShellResult is how an SSM Run Command invocation ended.
type ShellResult struct {
	// Status is the invocation's status: Success, Failed, TimedOut, Cancelled.
	Status string
	Stdout string
	Stderr string
}

// Alarm is a CloudWatch alarm's name and state.
type Alarm struct {
	Name   string
	State  string
	Reason string
}

// HTTPResponse is what a GET returned.
type HTTPResponse struct {
	Status int
	Body   []byte
	// Header is the response's header (nil from fakes that do not set it).
	Header http.Header
}

// HTTP gets a URL as an anonymous client on the internet would, without following redirects.
type HTTP interface {
	Get(ctx context.Context, url string) (HTTPResponse, error)
}

// NetHTTP is HTTP over the network, with a per-request timeout.
type NetHTTP struct {
	// Timeout bounds each request. Default: 15 seconds.
	Timeout time.Duration
}

// maxBody caps what a probe reads of a response: enough for any page it checks.
const maxBody = 1 << 20

// Get sends one GET request and reads up to 1 MiB of the body.
func (n NetHTTP) Get(ctx context.Context, url string) (HTTPResponse, error) {
	timeout := n.Timeout
	if timeout == 0 {
		timeout = 15 * time.Second
	}
	client := &http.Client{
		Timeout: timeout,
		// A redirect is an answer in itself (HTTP → HTTPS, a login page): report it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return HTTPResponse{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return HTTPResponse{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	return HTTPResponse{Status: resp.StatusCode, Body: body, Header: resp.Header}, err
}
