package dashboard_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/dashboard"
)

// parsedWidget is a widget of a body as CloudWatch reads it.
type parsedWidget struct {
	Type       string `json:"type"`
	X          int    `json:"x"`
	Y          int    `json:"y"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Properties struct {
		Markdown string   `json:"markdown"`
		Title    string   `json:"title"`
		Region   string   `json:"region"`
		Period   int      `json:"period"`
		Alarms   []string `json:"alarms"`
		Metrics  [][]any  `json:"metrics"`
	} `json:"properties"`
}

// series is one metric of a metric widget, decoded from CloudWatch's array form.
type series struct {
	Widget, Region, Namespace, Name, Stat string
	Dims                                  map[string]string
}

func parse(t *testing.T, body string) []parsedWidget {
	t.Helper()
	var b struct {
		Widgets []parsedWidget `json:"widgets"`
	}
	dec := json.NewDecoder(strings.NewReader(body))
	require.NoError(t, dec.Decode(&b), body)
	require.NotNil(t, b.Widgets, "a body must have a widgets array")
	return b.Widgets
}

func allSeries(t *testing.T, widgets []parsedWidget) []series {
	t.Helper()
	var out []series
	for _, w := range widgets {
		for _, m := range w.Properties.Metrics {
			require.GreaterOrEqual(t, len(m), 3, "metric %v", m)
			opts, ok := m[len(m)-1].(map[string]any)
			require.True(t, ok, "a metric ends with its options: %v", m)
			s := series{Widget: w.Properties.Title, Region: w.Properties.Region, Namespace: m[0].(string), Name: m[1].(string), Dims: map[string]string{}}
			s.Stat, _ = opts["stat"].(string)
			pairs := m[2 : len(m)-1]
			require.Zero(t, len(pairs)%2, "dimensions come in name/value pairs: %v", m)
			for i := 0; i < len(pairs); i += 2 {
				s.Dims[pairs[i].(string)] = pairs[i+1].(string)
			}
			out = append(out, s)
		}
	}
	return out
}

func fullSpec() dashboard.Spec {
	return dashboard.Spec{
		Title:          "tenk prod",
		Region:         "eu-west-1",
		DistributionID: "E123",
		Web:            &dashboard.WebSpec{LoadBalancer: "app/web/1", TargetGroup: "targetgroup/tg/2", AutoScalingGroup: "web-asg"},
		Database:       &dashboard.DatabaseSpec{Writer: "db-primary", Replicas: []string{"db-r0", "db-r1"}},
		Cache:          &dashboard.CacheSpec{Members: []string{"rg-001", "rg-002", "rg-003"}},
		TableName:      "sessions",
		AlarmArns:      []string{"arn:aws:cloudwatch:eu-west-1:1:alarm:a", "arn:aws:cloudwatch:eu-west-1:1:alarm:b"},
	}
}

func TestBodyLaysOutOneRowPerTierOnTheGrid(t *testing.T) {
	body, err := dashboard.Body(fullSpec())
	require.NoError(t, err)
	widgets := parse(t, body)

	var headings []string
	for _, w := range widgets {
		assert.GreaterOrEqual(t, w.X, 0)
		assert.LessOrEqual(t, w.X+w.Width, 24, "widget %q leaves the 24-unit grid", w.Properties.Title)
		assert.Positive(t, w.Height)
		if w.Type == "text" {
			headings = append(headings, w.Properties.Markdown)
		}
	}
	assert.Equal(t, []string{"# tenk prod", "## CloudFront", "## Load balancer", "## Auto Scaling", "## Database", "## Cache", "## Sessions (DynamoDB)"}, headings)
	// No two widgets overlap.
	for i, a := range widgets {
		for _, b := range widgets[i+1:] {
			overlap := a.X < b.X+b.Width && b.X < a.X+a.Width && a.Y < b.Y+b.Height && b.Y < a.Y+a.Height
			assert.False(t, overlap, "%q overlaps %q", a.Properties.Title+a.Properties.Markdown, b.Properties.Title+b.Properties.Markdown)
		}
	}
	// Headings sit above their row: every heading starts a line of its own.
	for _, w := range widgets {
		if w.Type == "text" {
			assert.Equal(t, 0, w.X)
			assert.Equal(t, 24, w.Width)
		}
	}
}

func TestBodyGraphsTheRequestedMetricsWithTheirDimensions(t *testing.T) {
	body, err := dashboard.Body(fullSpec())
	require.NoError(t, err)
	got := map[string][]series{}
	for _, s := range allSeries(t, parse(t, body)) {
		got[s.Namespace+" "+s.Name] = append(got[s.Namespace+" "+s.Name], s)
	}
	one := func(key string) series {
		t.Helper()
		require.Len(t, got[key], 1, key)
		return got[key][0]
	}

	for _, name := range []string{"Requests", "4xxErrorRate", "5xxErrorRate"} {
		s := one("AWS/CloudFront " + name)
		assert.Equal(t, "us-east-1", s.Region, "CloudFront publishes its metrics in us-east-1")
		assert.Equal(t, map[string]string{"DistributionId": "E123", "Region": "Global"}, s.Dims)
	}
	byLB := map[string]string{"LoadBalancer": "app/web/1"}
	byTarget := map[string]string{"LoadBalancer": "app/web/1", "TargetGroup": "targetgroup/tg/2"}
	assert.Equal(t, byLB, one("AWS/ApplicationELB RequestCount").Dims)
	assert.Equal(t, byLB, one("AWS/ApplicationELB HTTPCode_Target_5XX_Count").Dims)
	p99 := one("AWS/ApplicationELB TargetResponseTime")
	assert.Equal(t, "p99", p99.Stat)
	assert.Equal(t, byLB, p99.Dims)
	assert.Equal(t, byTarget, one("AWS/ApplicationELB HealthyHostCount").Dims)
	assert.Equal(t, "eu-west-1", p99.Region)

	asg := map[string]string{"AutoScalingGroupName": "web-asg"}
	assert.Equal(t, asg, one("AWS/AutoScaling GroupInServiceInstances").Dims)
	assert.Equal(t, asg, one("AWS/AutoScaling GroupDesiredCapacity").Dims)

	writer := map[string]string{"DBInstanceIdentifier": "db-primary"}
	for _, name := range []string{"CPUUtilization", "DatabaseConnections", "FreeStorageSpace"} {
		assert.Equal(t, writer, one("AWS/RDS "+name).Dims, name)
	}
	lag := got["AWS/RDS ReplicaLag"]
	require.Len(t, lag, 2, "one lag series per replica")
	assert.Equal(t, "db-r0", lag[0].Dims["DBInstanceIdentifier"])
	assert.Equal(t, "db-r1", lag[1].Dims["DBInstanceIdentifier"])

	for _, name := range []string{"CPUUtilization", "EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "Evictions", "ReplicationLag"} {
		list := got["AWS/ElastiCache "+name]
		require.Len(t, list, 3, "one %s series per member", name)
		for i, s := range list {
			assert.Equal(t, map[string]string{"CacheClusterId": fmt.Sprintf("rg-00%d", i+1)}, s.Dims)
		}
	}

	table := map[string]string{"TableName": "sessions"}
	for _, name := range []string{"ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits", "ReadThrottleEvents", "WriteThrottleEvents"} {
		assert.Equal(t, table, one("AWS/DynamoDB "+name).Dims, name)
	}
	assert.Len(t, got["AWS/DynamoDB SystemErrors"], 4, "SystemErrors exists per operation only")
}

func TestBodyShowsTheAlarmsInWidgetsOfAtMostOneHundred(t *testing.T) {
	for _, tc := range []struct {
		alarms  int
		widgets []int
	}{{0, nil}, {1, []int{1}}, {100, []int{100}}, {150, []int{100, 50}}} {
		t.Run(fmt.Sprint(tc.alarms), func(t *testing.T) {
			s := dashboard.Spec{Title: "t", Region: "us-east-1", TableName: "x"}
			for i := 0; i < tc.alarms; i++ {
				s.AlarmArns = append(s.AlarmArns, fmt.Sprintf("arn:aws:cloudwatch:us-east-1:1:alarm:a%d", i))
			}
			body, err := dashboard.Body(s)
			require.NoError(t, err)
			var sizes []int
			var shown []string
			for _, w := range parse(t, body) {
				if w.Type == "alarm" {
					sizes = append(sizes, len(w.Properties.Alarms))
					shown = append(shown, w.Properties.Alarms...)
				}
			}
			assert.Equal(t, tc.widgets, sizes)
			assert.Equal(t, s.AlarmArns, shown)
		})
	}
}

func TestBodyVariants(t *testing.T) {
	t.Run("aurora uses Aurora's storage and lag metrics", func(t *testing.T) {
		s := dashboard.Spec{Title: "t", Region: "us-east-1", Database: &dashboard.DatabaseSpec{Aurora: true, Writer: "w", Replicas: []string{"r0"}}}
		body, err := dashboard.Body(s)
		require.NoError(t, err)
		names := map[string]bool{}
		for _, m := range allSeries(t, parse(t, body)) {
			names[m.Name] = true
		}
		assert.True(t, names["FreeLocalStorage"] && names["AuroraReplicaLag"])
		assert.False(t, names["FreeStorageSpace"] || names["ReplicaLag"])
	})
	t.Run("no replicas, no lag graph", func(t *testing.T) {
		s := dashboard.Spec{Title: "t", Region: "us-east-1", Database: &dashboard.DatabaseSpec{Writer: "w"},
			Cache: &dashboard.CacheSpec{Members: []string{"c1"}}}
		body, err := dashboard.Body(s)
		require.NoError(t, err)
		for _, m := range allSeries(t, parse(t, body)) {
			assert.NotContains(t, []string{"ReplicaLag", "ReplicationLag"}, m.Name)
		}
	})
	t.Run("memcached has no engine CPU or memory percentage", func(t *testing.T) {
		s := dashboard.Spec{Title: "t", Region: "us-east-1", Cache: &dashboard.CacheSpec{Memcached: true, Members: []string{"mc"}}}
		body, err := dashboard.Body(s)
		require.NoError(t, err)
		names := map[string]bool{}
		for _, m := range allSeries(t, parse(t, body)) {
			names[m.Name] = true
		}
		assert.True(t, names["CPUUtilization"] && names["SwapUsage"] && names["Evictions"] && names["CurrConnections"])
		assert.False(t, names["EngineCPUUtilization"] || names["DatabaseMemoryUsagePercentage"] || names["ReplicationLag"])
	})
	t.Run("period defaults to the alarms' 60 s", func(t *testing.T) {
		body, err := dashboard.Body(dashboard.Spec{Title: "t", Region: "us-east-1", TableName: "x"})
		require.NoError(t, err)
		for _, w := range parse(t, body) {
			if w.Type == "metric" {
				assert.Equal(t, 60, w.Properties.Period)
			}
		}
	})
}

func TestBodyRejectsEmptyDimensionValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec dashboard.Spec
		want string
	}{
		{"region", dashboard.Spec{TableName: "x"}, "Region is empty"},
		{"load balancer", dashboard.Spec{Region: "us-east-1", Web: &dashboard.WebSpec{TargetGroup: "t", AutoScalingGroup: "a"}}, "Web.LoadBalancer is empty"},
		{"replica", dashboard.Spec{Region: "us-east-1", Database: &dashboard.DatabaseSpec{Writer: "w", Replicas: []string{""}}}, "Database.Replicas[0] is empty"},
		{"no members", dashboard.Spec{Region: "us-east-1", Cache: &dashboard.CacheSpec{}}, "Cache.Members is empty"},
		{"alarm", dashboard.Spec{Region: "us-east-1", AlarmArns: []string{"my-alarm"}}, `AlarmArns[0] "my-alarm" is not an ARN`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := dashboard.Body(tc.spec)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestBodyGraphsTheWAFInUsEast1: with a web ACL, a WAF row follows CloudFront and graphs its
// allowed and blocked requests over every rule, read from us-east-1 like the web ACL's alarm.
func TestBodyGraphsTheWAFInUsEast1(t *testing.T) {
	s := fullSpec()
	s.Region = "eu-west-1"
	s.WebACLName = "tenk-prod"
	body, err := dashboard.Body(s)
	require.NoError(t, err)
	widgets := parse(t, body)
	var headings []string
	for _, w := range widgets {
		if w.Type == "text" {
			headings = append(headings, w.Properties.Markdown)
		}
	}
	assert.Equal(t, []string{"## CloudFront", "## WAF", "## Load balancer"}, headings[1:4])
	var waf []series
	for _, sr := range allSeries(t, widgets) {
		if sr.Namespace == "AWS/WAFV2" {
			waf = append(waf, sr)
		}
	}
	require.Len(t, waf, 2)
	for _, sr := range waf {
		assert.Equal(t, "us-east-1", sr.Region, sr.Name)
		assert.Equal(t, map[string]string{"WebACL": "tenk-prod", "Rule": "ALL"}, sr.Dims, sr.Name)
	}
	assert.ElementsMatch(t, []string{"AllowedRequests", "BlockedRequests"}, []string{waf[0].Name, waf[1].Name})
}
