package tests_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// series is one metric as a dashboard graphs it or an alarm watches it.
type series struct {
	Namespace, Name string
	Dims            map[string]string
}

// key identifies a series by namespace and dimensions, optionally with its metric name.
func (s series) key(withName bool) string {
	parts := []string{s.Namespace}
	if withName {
		parts = append(parts, s.Name)
	}
	names := make([]string, 0, len(s.Dims))
	for k := range s.Dims {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		parts = append(parts, k+"="+s.Dims[k])
	}
	return strings.Join(parts, " ")
}

// dashboardOf returns the stack's one dashboard body, decoded: its series and alarm ARNs.
func dashboardOf(t *testing.T, m *testkit.Mocks) ([]series, []string) {
	t.Helper()
	board := m.One(t, "aws:cloudwatch/dashboard:Dashboard")
	var body struct {
		Widgets []struct {
			Type       string `json:"type"`
			Properties struct {
				Alarms  []string `json:"alarms"`
				Metrics [][]any  `json:"metrics"`
			} `json:"properties"`
		} `json:"widgets"`
	}
	require.NoError(t, json.Unmarshal([]byte(board.String("dashboardBody")), &body))
	var out []series
	var arns []string
	for _, w := range body.Widgets {
		arns = append(arns, w.Properties.Alarms...)
		for _, m := range w.Properties.Metrics {
			s := series{Namespace: m[0].(string), Name: m[1].(string), Dims: map[string]string{}}
			for i := 2; i+1 < len(m); i += 2 {
				s.Dims[m[i].(string)] = m[i+1].(string)
			}
			out = append(out, s)
		}
	}
	return out, arns
}

// TestDashboardGraphsExactlyWhatTheAlarmsWatch runs both stacks and compares the dashboard with
// every alarm the components registered: each alarm's series is graphed with the same namespace,
// metric and dimensions; each graph's namespace and dimensions are those of some alarm (except
// CloudFront and Auto Scaling, which have no alarm and must name the stack's distribution and
// group); and the alarm widget lists every alarm.
func TestDashboardGraphsExactlyWhatTheAlarmsWatch(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			graphed, arns := dashboardOf(t, m)
			alarms := m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")
			require.NotEmpty(t, alarms)

			withName := map[string]bool{}
			for _, s := range graphed {
				withName[s.key(true)] = true
			}
			alarmSeries := map[string]bool{}
			for _, a := range alarms {
				s := series{Namespace: a.String("namespace"), Name: a.String("metricName"), Dims: map[string]string{}}
				dims, _ := a.Get("dimensions")
				for k, v := range dims.(map[string]any) {
					s.Dims[k] = v.(string)
				}
				assert.True(t, withName[s.key(true)], "alarm %s watches %s, which the dashboard does not graph", a.Name, s.key(true))
				alarmSeries[s.key(false)] = true
			}

			distribution := m.One(t, "aws:cloudfront/distribution:Distribution").ID
			asg := m.One(t, "aws:autoscaling/group:Group")
			for _, s := range graphed {
				switch s.Namespace {
				case "AWS/CloudFront":
					assert.Equal(t, map[string]string{"DistributionId": distribution, "Region": "Global"}, s.Dims, s.Name)
				case "AWS/AutoScaling":
					assert.Equal(t, map[string]string{"AutoScalingGroupName": asg.Name}, s.Dims, s.Name)
				default:
					assert.True(t, alarmSeries[s.key(false)], "graph %s %s has dimensions no alarm uses", s.Name, s.key(false))
				}
			}

			require.Len(t, arns, len(alarms), "the alarm widget shows every alarm once")
			shown := map[string]bool{}
			for _, arn := range arns {
				shown[arn] = true
			}
			for _, a := range alarms {
				assert.True(t, shown["arn:aws:cloudwatch:us-east-1:123456789012:"+a.Name], "alarm %s is in the alarm widget", a.Name)
			}
		})
	}
}

func TestDashboardIsNamedAfterTheStack(t *testing.T) {
	m := runStack(t, "prod", nil)
	component := m.One(t, "tenk:ops:Dashboard")
	assert.Equal(t, "tenk-ops", component.Name)
	board := m.One(t, "aws:cloudwatch/dashboard:Dashboard")
	assert.Equal(t, "tenk-prod", board.String("dashboardName"))
	assert.Equal(t, component.URN, board.Parent)
}

func TestSessionManagerCommandIsOneLineForTheGroup(t *testing.T) {
	cmd := stacks.SessionManagerCommand("eu-west-1", "tenk-web-asg-1234")
	assert.NotContains(t, cmd, "\n")
	assert.True(t, strings.HasPrefix(cmd, "aws ssm start-session --region eu-west-1 --target "), cmd)
	assert.Contains(t, cmd, "describe-auto-scaling-groups --region eu-west-1 --auto-scaling-group-names tenk-web-asg-1234")
	assert.Contains(t, cmd, "Instances[?LifecycleState==`InService`].InstanceId | [0]", "only an in-service instance")
}
