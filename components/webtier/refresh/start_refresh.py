"""Starts the web tier's instance refresh for a new launch template version.

The event is the StartInstanceRefresh request (components/webtier/refresh.go builds it: the
group, DesiredConfiguration, the new numbered version, and the preferences) plus the "tf" key
that aws.lambda.Invocation adds with LifecycleScope CRUD: {"action": "create" | "update" |
"delete", "prev_input": the previous input, null on create} (terraform-provider-aws
internal/service/lambda/invocation.go, buildInput). The "tf" key never reaches the API. The
group keeps its saved launch template (the last release that rolled out) until the refresh
succeeds, so AutoRollback returns to it (Auto Scaling user guide, "Undo changes with a manual or
auto rollback": the rollback restores the configuration last saved on the group).

- create (a new template version or template id replaces the invocation; `pulumi up --replace`
  of the invocation retries the same release): the refresh starts, unless the group already
  saves that version (the first deploy).
- update (a changed preference, alarm, warmup…; a new version or template is a replacement,
  never an update): nothing starts, so it cannot restart a release that has just rolled back.
- delete (the invocation replaced or destroyed): nothing.
- A refresh (or its rollback) is still running: the invocation fails, so `pulumi up` fails
  naming rolloutStatusCommand; a refresh is never cancelled here.
- The group's saved version names its AMI with "resolve:ssm:" (a stack deployed before the
  AMI was pinned): Auto Scaling cannot roll back to it, so this one refresh is sent with
  AutoRollback false (its alarms still stop it).
"""

import time

import boto3
from botocore.exceptions import ClientError

# DescribeInstanceRefreshes statuses of a refresh that still changes the group.
ACTIVE = ("Pending", "InProgress", "Baking", "Cancelling", "RollbackInProgress")

# The key aws.lambda.Invocation's CRUD scope adds to the input (its terraform_key, default "tf").
TF_KEY = "tf"

# An ImageId that names an SSM parameter rather than an AMI.
SSM_PREFIX = "resolve:ssm:"

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


def saved_image(ec2, saved, sleep):
    """The ImageId of the launch template version the group saves ("" when unknown)."""
    if not saved.get("LaunchTemplateId") or not saved.get("Version"):
        return ""
    out = call(ec2.describe_launch_template_versions, sleep,
               LaunchTemplateId=saved["LaunchTemplateId"], Versions=[str(saved["Version"])])
    versions = out.get("LaunchTemplateVersions", [])
    if not versions:
        return ""
    return (versions[0].get("LaunchTemplateData") or {}).get("ImageId") or ""


def start(request, client, sleep=time.sleep, ec2=None, log=print):
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
    prefs = request.get("Preferences") or {}
    ssm = False
    if prefs.get("AutoRollback") and ec2 is not None:
        image = saved_image(ec2, saved, sleep)
        if image.startswith(SSM_PREFIX):
            # Auto Scaling user guide, "Undo changes with a manual or auto rollback": no rollback when the launch template uses an SSM parameter for the AMI.
            request = dict(request, Preferences=dict(prefs, AutoRollback=False))
            ssm = True
            log("Auto Scaling group %s saves launch template %s version %s, whose ImageId is %s: "
                "Auto Scaling cannot roll back to an AMI given by an SSM parameter, so this refresh "
                "to version %s starts with AutoRollback false (its alarms still stop it); the next "
                "refresh rolls back as usual." % (group, saved.get("LaunchTemplateId"), saved.get("Version"),
                                                 image, desired["Version"]))
    try:
        out = call(client.start_instance_refresh, sleep, **request)
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") == "InstanceRefreshInProgress":
            raise RolloutBusy(busy_message(group, {"Status": "in progress"})) from err
        raise
    result = {"started": True, "group": group, "version": str(desired["Version"]),
              "previousVersion": str(saved.get("Version", "")),
              "instanceRefreshId": out["InstanceRefreshId"]}
    if ssm:
        result["autoRollback"] = False
        result["reason"] = "the group's saved version names its AMI with resolve:ssm:"
    return result


def dispatch(event, client, sleep=time.sleep, ec2=None, log=print):
    """Runs one invocation event: the request, and the CRUD "tf" key (see the module doc)."""
    request = {k: v for k, v in event.items() if k != TF_KEY}
    tf = event.get(TF_KEY) or {}
    action = tf.get("action", "create")
    group = request.get("AutoScalingGroupName", "?")
    if action == "delete":
        log("delete: nothing to do for Auto Scaling group %s (a refresh is never cancelled here)" % group)
        return {"started": False, "group": group, "reason": "delete"}
    if action == "update":
        # A new template or version replaces the invocation (its triggers), so an update is only
        # ever a change of preferences, alarms or warmup: it must not restart the template's
        # latest version, which after a rollback is the release that just failed.
        version = str(((request.get("DesiredConfiguration") or {}).get("LaunchTemplate") or {}).get("Version", ""))
        log("update of Auto Scaling group %s's rollout input (launch template version %s): nothing "
            "started; a change of preferences alone starts no refresh (retry a release with "
            "`pulumi up --replace` of the rollout-start invocation)" % (group, version or "?"))
        return {"started": False, "group": group, "version": version,
                "reason": "an update changes preferences only"}
    return start(request, client, sleep, ec2=ec2, log=log)


def handler(event, context):
    return dispatch(event, boto3.client("autoscaling"), ec2=boto3.client("ec2"))
