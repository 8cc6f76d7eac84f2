package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Runner runs a command and returns its standard output; on failure the error carries its
// standard error.
type Runner func(ctx context.Context, name string, args ...string) ([]byte, error)

// ExecRunner runs commands on this machine, with the AWS CLI's pager off.
func ExecRunner(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "AWS_PAGER=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args[:min(len(args), 2)], " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// CLI is AWS through the `aws` command line. It needs no Go AWS SDK, which keeps the test's
// build small; the AWS CLI is on every GitHub runner and in every AWS getting-started guide.
type CLI struct {
	// Region is passed to every call.
	Region string
	// Run runs the aws command. Default: ExecRunner.
	Run Runner
	// Clock paces the waits. Default: RealClock.
	Clock Clock
	// CommandTimeout bounds one SSM Run Command from send to result. Default: 10 minutes.
	CommandTimeout time.Duration
	// PollInterval is the pause between SSM status polls. Default: 5 seconds.
	PollInterval time.Duration
}

func (c CLI) aws(ctx context.Context, out any, args ...string) error {
	run := c.Run
	if run == nil {
		run = ExecRunner
	}
	args = append(args, "--region", c.Region, "--output", "json")
	stdout, err := run(ctx, "aws", args...)
	if err != nil {
		return err
	}
	if out == nil || len(bytes.TrimSpace(stdout)) == 0 {
		return nil
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		return fmt.Errorf("aws %s %s: unexpected output: %w", args[0], args[1], err)
	}
	return nil
}

func (c CLI) clock() Clock {
	if c.Clock == nil {
		return RealClock{}
	}
	return c.Clock
}

// PutObject uploads body through a temporary file (the CLI reads bodies from files).
func (c CLI) PutObject(ctx context.Context, bucket, key, contentType string, body []byte) error {
	f, err := os.CreateTemp("", "tenk-e2e-object-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(body); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return c.aws(ctx, nil, "s3api", "put-object", "--bucket", bucket, "--key", key, "--body", f.Name(), "--content-type", contentType)
}

// DeleteObject deletes one object.
func (c CLI) DeleteObject(ctx context.Context, bucket, key string) error {
	return c.aws(ctx, nil, "s3api", "delete-object", "--bucket", bucket, "--key", key)
}

// InServiceInstances lists the group's instances whose lifecycle state is InService.
func (c CLI) InServiceInstances(ctx context.Context, group string) ([]string, error) {
	var out struct {
		AutoScalingGroups []struct {
			Instances []struct {
				InstanceId     string
				LifecycleState string
			}
		}
	}
	if err := c.aws(ctx, &out, "autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", group); err != nil {
		return nil, err
	}
	if len(out.AutoScalingGroups) == 0 {
		return nil, fmt.Errorf("auto scaling group %q does not exist in %s", group, c.Region)
	}
	var ids []string
	for _, i := range out.AutoScalingGroups[0].Instances {
		if i.LifecycleState == "InService" {
			ids = append(ids, i.InstanceId)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// ssmTerminal are the invocation statuses after which nothing changes (SSM API reference,
// GetCommandInvocation, Status).
var ssmTerminal = []string{"Success", "Failed", "TimedOut", "Cancelled"}

// RunShell sends the script with AWS-RunShellScript and polls until the invocation ends. An
// instance that has not registered with SSM yet (InvalidInstanceId) and an invocation that is not
// visible yet (InvocationDoesNotExist) are retried until CommandTimeout.
func (c CLI) RunShell(ctx context.Context, instanceID, script string) (ShellResult, error) {
	timeout := c.CommandTimeout
	if timeout == 0 {
		timeout = 10 * time.Minute
	}
	interval := c.PollInterval
	if interval == 0 {
		interval = 5 * time.Second
	}
	params, err := json.Marshal(map[string][]string{
		"commands":         {script},
		"executionTimeout": {fmt.Sprint(int(timeout.Seconds()))},
	})
	if err != nil {
		return ShellResult{}, err
	}
	var sent struct{ Command struct{ CommandId string } }
	err = Eventually(ctx, c.clock(), timeout, interval, func(ctx context.Context) error {
		err := c.aws(ctx, &sent, "ssm", "send-command", "--instance-ids", instanceID,
			"--document-name", "AWS-RunShellScript", "--comment", "tenk e2e probe",
			"--parameters", string(params))
		if err != nil && !strings.Contains(err.Error(), "InvalidInstanceId") {
			return Permanent(err) // only an instance not yet registered with SSM is worth waiting for
		}
		return err
	})
	if err != nil {
		return ShellResult{}, fmt.Errorf("ssm send-command to %s: %w (is the SSM agent running and the instance role allowed ssm:UpdateInstanceInformation?)", instanceID, err)
	}
	var inv struct {
		Status                string
		StandardOutputContent string
		StandardErrorContent  string
	}
	err = Eventually(ctx, c.clock(), timeout, interval, func(ctx context.Context) error {
		if err := c.aws(ctx, &inv, "ssm", "get-command-invocation", "--command-id", sent.Command.CommandId, "--instance-id", instanceID); err != nil {
			if strings.Contains(err.Error(), "InvocationDoesNotExist") {
				return err
			}
			return Permanent(err)
		}
		if !slices.Contains(ssmTerminal, inv.Status) {
			return fmt.Errorf("command %s on %s is %s", sent.Command.CommandId, instanceID, inv.Status)
		}
		return nil
	})
	if err != nil {
		return ShellResult{}, fmt.Errorf("ssm get-command-invocation: %w", err)
	}
	return ShellResult{Status: inv.Status, Stdout: inv.StandardOutputContent, Stderr: inv.StandardErrorContent}, nil
}

// PartitionKey reads the table's HASH key name.
func (c CLI) PartitionKey(ctx context.Context, table string) (string, error) {
	var out struct {
		Table struct {
			KeySchema []struct{ AttributeName, KeyType string }
		}
	}
	if err := c.aws(ctx, &out, "dynamodb", "describe-table", "--table-name", table); err != nil {
		return "", err
	}
	for _, k := range out.Table.KeySchema {
		if k.KeyType == "HASH" {
			return k.AttributeName, nil
		}
	}
	return "", fmt.Errorf("table %s has no HASH key in its key schema", table)
}

// AlarmsNotifying lists metric and composite alarms whose AlarmActions include topicArn (the
// CLI follows describe-alarms' pagination itself).
func (c CLI) AlarmsNotifying(ctx context.Context, topicArn string) ([]Alarm, error) {
	type alarm struct {
		AlarmName, StateValue, StateReason string
		AlarmActions                       []string
	}
	var out struct{ MetricAlarms, CompositeAlarms []alarm }
	if err := c.aws(ctx, &out, "cloudwatch", "describe-alarms", "--alarm-types", "MetricAlarm", "CompositeAlarm"); err != nil {
		return nil, err
	}
	var alarms []Alarm
	for _, a := range append(out.MetricAlarms, out.CompositeAlarms...) {
		if slices.Contains(a.AlarmActions, topicArn) {
			alarms = append(alarms, Alarm{Name: a.AlarmName, State: a.StateValue, Reason: a.StateReason})
		}
	}
	slices.SortFunc(alarms, func(a, b Alarm) int { return strings.Compare(a.Name, b.Name) })
	return alarms, nil
}
