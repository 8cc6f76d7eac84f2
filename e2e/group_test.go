package e2e_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func TestCLIGroupState(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"autoscaling describe-auto-scaling-groups": {{out: `{"AutoScalingGroups":[{
		"AutoScalingGroupName": "tenk-web-asg",
		"LaunchTemplate": {"LaunchTemplateId": "lt-1", "LaunchTemplateName": "tenk-web-lt", "Version": "3"},
		"Instances": [
			{"InstanceId": "i-2", "LifecycleState": "InService", "HealthStatus": "Healthy", "LaunchTemplate": {"LaunchTemplateId": "lt-1", "Version": "3"}},
			{"InstanceId": "i-1", "LifecycleState": "Terminating", "HealthStatus": "Unhealthy", "LaunchTemplate": {"LaunchTemplateId": "lt-1", "Version": "4"}}
		]}]}`}}}}
	g, err := cli(f).GroupState(context.Background(), "tenk-web-asg")
	require.NoError(t, err)
	assert.Equal(t, e2e.GroupState{LaunchTemplateVersion: "3", Instances: []e2e.GroupInstance{
		{ID: "i-1", LifecycleState: "Terminating", HealthStatus: "Unhealthy", LaunchTemplateVersion: "4"},
		{ID: "i-2", LifecycleState: "InService", HealthStatus: "Healthy", LaunchTemplateVersion: "3"},
	}}, g)
	assert.Equal(t, []string{"autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "tenk-web-asg", "--region", "eu-west-1", "--output", "json"}, f.calls[0])

	f = &fakeCLI{answers: map[string][]answer{"autoscaling describe-auto-scaling-groups": {{out: `{"AutoScalingGroups":[]}`}}}}
	_, err = cli(f).GroupState(context.Background(), "gone")
	assert.ErrorContains(t, err, `auto scaling group "gone" does not exist in eu-west-1`)
}

func TestCLIInstanceRefreshes(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"autoscaling describe-instance-refreshes": {{out: rolledBackJSON}}}}
	rs, err := cli(f).InstanceRefreshes(context.Background(), "tenk-web-asg")
	require.NoError(t, err)
	assert.Len(t, rs, 2)
	assert.Equal(t, []string{"autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", "tenk-web-asg", "--max-records", "20", "--region", "eu-west-1", "--output", "json"}, f.calls[0])
}

func TestAllInServiceOn(t *testing.T) {
	on := func(id, state, version string) e2e.GroupInstance {
		return e2e.GroupInstance{ID: id, LifecycleState: state, LaunchTemplateVersion: version}
	}
	for _, tc := range []struct {
		name  string
		group e2e.GroupState
		want  string
	}{
		{"rolled back", e2e.GroupState{LaunchTemplateVersion: "3", Instances: []e2e.GroupInstance{on("i-1", "InService", "3"), on("i-9", "Terminating", "4")}}, ""},
		{"group still on the release", e2e.GroupState{LaunchTemplateVersion: "4", Instances: []e2e.GroupInstance{on("i-1", "InService", "3")}}, "the group launches launch template version 4, want 3"},
		{"an instance of the release serves", e2e.GroupState{LaunchTemplateVersion: "3", Instances: []e2e.GroupInstance{on("i-1", "InService", "3"), on("i-2", "InService", "4")}}, "not every InService instance runs version 3: i-2 runs version 4"},
		{"nothing in service", e2e.GroupState{LaunchTemplateVersion: "3", Instances: []e2e.GroupInstance{on("i-1", "Pending", "3")}}, "no InService instance"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.group.AllInServiceOn("3")
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.want)
		})
	}
}
