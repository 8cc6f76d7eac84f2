package dashboard

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Spec is everything the dashboard body depends on, as plain values: what Dashboard resolves
// from its inputs before calling Body.
type Spec struct {
	// Title is the Markdown heading at the top.
	Title string
	// Region is the region of the regional metrics.
	Region string
	// PeriodSeconds is every graph's period. Default: DefaultPeriodSeconds.
	PeriodSeconds int
	// DistributionID is the CloudFront distribution; "" for no CloudFront row.
	DistributionID string
	// WebACLName is the CLOUDFRONT web ACL's metric name; "" for no WAF row.
	WebACLName string
	// Web is the load balancer and Auto Scaling rows; nil for none.
	Web *WebSpec
	// Database is the database row; nil for none.
	Database *DatabaseSpec
	// Cache is the cache row; nil for none.
	Cache *CacheSpec
	// TableName is the DynamoDB table; "" for no DynamoDB row.
	TableName string
	// AlarmArns are the alarms the status widget shows; none: no widget.
	AlarmArns []string
}

// WebSpec holds the web tier's dimension values.
type WebSpec struct {
	LoadBalancer, TargetGroup, AutoScalingGroup string
}

// DatabaseSpec holds the database's instance identifiers.
type DatabaseSpec struct {
	Aurora   bool
	Writer   string
	Replicas []string
}

// CacheSpec holds the cache's member IDs.
type CacheSpec struct {
	Memcached bool
	Members   []string
}

// Grid and widget limits (Dashboard Body Structure and Syntax): the grid is 24 units wide, a
// body holds at most 500 widgets and an alarm-status widget 1–100 alarm ARNs.
const (
	gridWidth         = 24
	maxWidgets        = 500
	maxAlarmsInWidget = 100
	graphWidth        = 6
	graphHeight       = 6
	headerHeight      = 1
)

// cloudFrontRegion is where CloudFront publishes its metrics, whatever the stack's region
// (CloudFront Developer Guide, "Types of metrics for CloudFront").
const cloudFrontRegion = "us-east-1"

// Body returns the dashboard body JSON for s: a header, the alarm-status widget, then one row
// per tier present. It fails when a dimension value is empty, since such a graph stays blank.
func Body(s Spec) (string, error) {
	if err := s.check(); err != nil {
		return "", err
	}
	period := s.PeriodSeconds
	if period == 0 {
		period = DefaultPeriodSeconds
	}
	b := &builder{period: period}
	title := s.Title
	b.text(gridWidth, headerHeight, "# "+title)
	b.newRow()
	for start := 0; start < len(s.AlarmArns); start += maxAlarmsInWidget {
		end := min(start+maxAlarmsInWidget, len(s.AlarmArns))
		b.alarms(fmt.Sprintf("Alarms (%d)", len(s.AlarmArns)), s.AlarmArns[start:end])
	}
	for _, row := range rows(s) {
		b.newRow()
		b.text(gridWidth, headerHeight, "## "+row.title)
		b.newRow()
		for _, g := range row.graphs {
			b.graph(g)
		}
	}
	if len(b.widgets) > maxWidgets {
		return "", fmt.Errorf("dashboard has %d widgets: CloudWatch allows %d; split the stack's dashboard", len(b.widgets), maxWidgets)
	}
	out, err := json.Marshal(body{Widgets: b.widgets})
	return string(out), err
}

// check rejects empty dimension values: CloudWatch would accept them and draw nothing.
func (s Spec) check() error {
	var errs []error
	empty := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			errs = append(errs, fmt.Errorf("dashboard: %s is empty: its graphs would stay blank", field))
		}
	}
	empty("Region", s.Region)
	if w := s.Web; w != nil {
		empty("Web.LoadBalancer", w.LoadBalancer)
		empty("Web.TargetGroup", w.TargetGroup)
		empty("Web.AutoScalingGroup", w.AutoScalingGroup)
	}
	if d := s.Database; d != nil {
		empty("Database.Writer", d.Writer)
		for i, r := range d.Replicas {
			empty(fmt.Sprintf("Database.Replicas[%d]", i), r)
		}
	}
	if c := s.Cache; c != nil {
		if len(c.Members) == 0 {
			errs = append(errs, errors.New("dashboard: Cache.Members is empty: give the cache's CacheClusterId values"))
		}
		for i, m := range c.Members {
			empty(fmt.Sprintf("Cache.Members[%d]", i), m)
		}
	}
	for i, a := range s.AlarmArns {
		if !strings.HasPrefix(a, "arn:") {
			errs = append(errs, fmt.Errorf("dashboard: AlarmArns[%d] %q is not an ARN", i, a))
		}
	}
	return errors.Join(errs...)
}
