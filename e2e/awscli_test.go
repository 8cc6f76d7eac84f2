package e2e_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

// fakeCLI answers aws commands by their first two words, in order, and records every call.
type fakeCLI struct {
	answers map[string][]answer
	calls   [][]string
	bodies  map[string]string
}

type answer struct {
	out string
	err error
}

func (f *fakeCLI) run(_ context.Context, name string, args ...string) ([]byte, error) {
	if name != "aws" {
		return nil, errors.New("not aws: " + name)
	}
	f.calls = append(f.calls, args)
	key := args[0] + " " + args[1]
	if key == "s3api put-object" {
		body, err := os.ReadFile(flagValue(args, "--body"))
		if err != nil {
			return nil, err
		}
		if f.bodies == nil {
			f.bodies = map[string]string{}
		}
		f.bodies[flagValue(args, "--key")] = string(body)
	}
	queue := f.answers[key]
	if len(queue) == 0 {
		return nil, errors.New("unexpected call: aws " + strings.Join(args, " "))
	}
	a := queue[0]
	if len(queue) > 1 {
		f.answers[key] = queue[1:]
	}
	return []byte(a.out), a.err
}

func flagValue(args []string, flag string) string {
	for i, a := range args {
		if a == flag && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func cli(f *fakeCLI) e2e.CLI {
	return e2e.CLI{Region: "eu-west-1", Run: f.run, Clock: newFakeClock(), CommandTimeout: time.Minute, PollInterval: 5 * time.Second}
}

func TestCLIInServiceInstances(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"autoscaling describe-auto-scaling-groups": {{out: `{"AutoScalingGroups":[{"Instances":[
		{"InstanceId":"i-2","LifecycleState":"InService"},
		{"InstanceId":"i-3","LifecycleState":"Pending"},
		{"InstanceId":"i-1","LifecycleState":"InService"}]}]}`}}}}
	ids, err := cli(f).InServiceInstances(context.Background(), "tenk-web-asg")
	require.NoError(t, err)
	assert.Equal(t, []string{"i-1", "i-2"}, ids)
	assert.Equal(t, []string{"autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "tenk-web-asg", "--region", "eu-west-1", "--output", "json"}, f.calls[0])

	f = &fakeCLI{answers: map[string][]answer{"autoscaling describe-auto-scaling-groups": {{out: `{"AutoScalingGroups":[]}`}}}}
	_, err = cli(f).InServiceInstances(context.Background(), "gone")
	assert.ErrorContains(t, err, `auto scaling group "gone" does not exist in eu-west-1`)
}

func TestCLIRunShellWaitsForRegistrationAndCompletion(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{
		"ssm send-command": {
			{err: errors.New("An error occurred (InvalidInstanceId) when calling the SendCommand operation")},
			{out: `{"Command":{"CommandId":"c-1"}}`},
		},
		"ssm get-command-invocation": {
			{err: errors.New("An error occurred (InvocationDoesNotExist)")},
			{out: `{"Status":"InProgress"}`},
			{out: `{"Status":"Success","StandardOutputContent":"DB_HOST=x\n","StandardErrorContent":""}`},
		},
	}}
	res, err := cli(f).RunShell(context.Background(), "i-1", "cat /etc/tenk/app.env")
	require.NoError(t, err)
	assert.Equal(t, e2e.ShellResult{Status: "Success", Stdout: "DB_HOST=x\n"}, res)
	require.Len(t, f.calls, 5)
	assert.Equal(t, "AWS-RunShellScript", flagValue(f.calls[1], "--document-name"))
	assert.JSONEq(t, `{"commands":["cat /etc/tenk/app.env"],"executionTimeout":["60"]}`, flagValue(f.calls[1], "--parameters"))
	assert.Equal(t, "c-1", flagValue(f.calls[4], "--command-id"))
}

func TestCLIRunShellStopsOnOtherErrors(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"ssm send-command": {{err: errors.New("AccessDeniedException: not authorized to perform ssm:SendCommand")}}}}
	_, err := cli(f).RunShell(context.Background(), "i-1", "true")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AccessDeniedException")
	assert.Len(t, f.calls, 1, "a permission error is not retried")
}

func TestCLIRunShellGivesUpOnAStuckCommand(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{
		"ssm send-command":           {{out: `{"Command":{"CommandId":"c-1"}}`}},
		"ssm get-command-invocation": {{out: `{"Status":"InProgress"}`}},
	}}
	_, err := cli(f).RunShell(context.Background(), "i-1", "sleep 999")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "command c-1 on i-1 is InProgress")
}

func TestCLIPartitionKey(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"dynamodb describe-table": {{out: `{"Table":{"KeySchema":[{"AttributeName":"Sort","KeyType":"RANGE"},{"AttributeName":"SessionId","KeyType":"HASH"}]}}`}}}}
	pk, err := cli(f).PartitionKey(context.Background(), "t")
	require.NoError(t, err)
	assert.Equal(t, "SessionId", pk)
}

func TestCLIAlarmsNotifyingFiltersByTopic(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"cloudwatch describe-alarms": {{out: `{
		"MetricAlarms":[
			{"AlarmName":"b-cpu","StateValue":"OK","AlarmActions":["arn:topic"]},
			{"AlarmName":"other-stack","StateValue":"ALARM","AlarmActions":["arn:other"]},
			{"AlarmName":"a-5xx","StateValue":"ALARM","StateReason":"Threshold Crossed","AlarmActions":["arn:x","arn:topic"]}],
		"CompositeAlarms":[{"AlarmName":"c-composite","StateValue":"INSUFFICIENT_DATA","AlarmActions":["arn:topic"]}]}`}}}}
	alarms, err := cli(f).AlarmsNotifying(context.Background(), "arn:topic")
	require.NoError(t, err)
	assert.Equal(t, []e2e.Alarm{
		{Name: "a-5xx", State: "ALARM", Reason: "Threshold Crossed"},
		{Name: "b-cpu", State: "OK"},
		{Name: "c-composite", State: "INSUFFICIENT_DATA"},
	}, alarms)
}

func TestCLIPutAndDeleteObject(t *testing.T) {
	f := &fakeCLI{answers: map[string][]answer{"s3api put-object": {{out: `{"ETag":"x"}`}}, "s3api delete-object": {{out: ``}}}}
	c := cli(f)
	require.NoError(t, c.PutObject(context.Background(), "b", "static/k.txt", "text/plain", []byte("hello")))
	assert.Equal(t, "hello", f.bodies["static/k.txt"])
	assert.Equal(t, "text/plain", flagValue(f.calls[0], "--content-type"))
	_, err := os.Stat(flagValue(f.calls[0], "--body"))
	assert.True(t, os.IsNotExist(err), "the temporary body file is removed")
	require.NoError(t, c.DeleteObject(context.Background(), "b", "static/k.txt"))
	assert.Equal(t, []string{"s3api", "delete-object", "--bucket", "b", "--key", "static/k.txt", "--region", "eu-west-1", "--output", "json"}, f.calls[1])
}
