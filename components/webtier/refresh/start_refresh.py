"""Starts the web tier's instance refresh for a new launch template version.

The event is the StartInstanceRefresh request itself (components/webtier/refresh.go builds it):
the group, DesiredConfiguration (the new numbered version) and the preferences. The group keeps
its saved launch template (the last release that rolled out) until the refresh succeeds, so
AutoRollback returns to it (Auto Scaling user guide, "Undo changes with a manual or auto
rollback": the rollback restores the configuration last saved on the group).

- The group already saves the desired version (the first deploy, or a change of preferences
  alone): nothing starts.
- A refresh (or its rollback) is still running: the invocation fails, so `pulumi up` fails
  naming rolloutStatusCommand, and a later `up` tries again; a refresh is never cancelled here.
"""

import time

import boto3
from botocore.exceptions import ClientError

# DescribeInstanceRefreshes statuses of a refresh that still changes the group.
ACTIVE = ("Pending", "InProgress", "Baking", "Cancelling", "RollbackInProgress")

# IAM is eventually consistent: a role policy created in the same deploy may not be in force for
# some seconds, so AccessDenied is retried this long before it fails the deploy.
PERMISSION_WAIT_SECONDS = 60


class RolloutBusy(Exception):
    """A refresh of the group is still running."""


def busy_message(group, refresh):
    return (
        "instance refresh %s of Auto Scaling group %s is %s (started %s, %s%% done): the new "
        "release was not started. Follow it with `eval \"$(pulumi stack output "
        "rolloutStatusCommand)\"` and run `pulumi up` again once it has ended, or end it "
        "first (aws autoscaling cancel-instance-refresh --auto-scaling-group-name %s; or "
        "rollback-instance-refresh to return to the previous release)."
        % (
            refresh.get("InstanceRefreshId", "?"),
            group,
            refresh.get("Status", "running"),
            refresh.get("StartTime", "?"),
            refresh.get("PercentageComplete", 0),
            group,
        )
    )


def call(fn, sleep, **kwargs):
    """fn(**kwargs), retrying AccessDenied while a new policy takes effect."""
    waited = 0
    while True:
        try:
            return fn(**kwargs)
        except ClientError as err:
            code = err.response.get("Error", {}).get("Code", "")
            if code not in ("AccessDenied", "AccessDeniedException") or waited >= PERMISSION_WAIT_SECONDS:
                raise
        sleep(5)
        waited += 5


def start(request, client, sleep=time.sleep):
    group = request["AutoScalingGroupName"]
    desired = request["DesiredConfiguration"]["LaunchTemplate"]
    found = call(client.describe_auto_scaling_groups, sleep, AutoScalingGroupNames=[group])
    groups = found.get("AutoScalingGroups", [])
    if not groups:
        raise ValueError("Auto Scaling group %s does not exist" % group)
    saved = groups[0].get("LaunchTemplate") or {}
    if saved.get("LaunchTemplateId") == desired["LaunchTemplateId"] and str(saved.get("Version")) == str(desired["Version"]):
        return {"started": False, "group": group, "version": str(desired["Version"]),
                "reason": "the group already saves this launch template version"}
    latest = call(client.describe_instance_refreshes, sleep, AutoScalingGroupName=group, MaxRecords=1)
    refreshes = latest.get("InstanceRefreshes", [])
    if refreshes and refreshes[0].get("Status") in ACTIVE:
        raise RolloutBusy(busy_message(group, refreshes[0]))
    try:
        out = call(client.start_instance_refresh, sleep, **request)
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") == "InstanceRefreshInProgress":
            raise RolloutBusy(busy_message(group, {"Status": "in progress"})) from err
        raise
    return {"started": True, "group": group, "version": str(desired["Version"]),
            "previousVersion": str(saved.get("Version", "")),
            "instanceRefreshId": out["InstanceRefreshId"]}


def handler(event, context):
    return start(event, boto3.client("autoscaling"))
