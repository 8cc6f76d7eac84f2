"""Tests of start_refresh.py with a fake boto3 (none is installed here, none is needed).

Run by TestStartRefreshPython (refresh_test.go) with TENK_REFRESH_SOURCE, the embedded source,
and TENK_REFRESH_REQUEST, the request the web tier builds under mocks; alone it uses the
source beside it and a request of its own.
"""

import importlib.util
import json
import os
import sys
import types
import unittest


class ClientError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.response = {"Error": {"Code": code, "Message": code}}


def install_fake_boto3():
    clients = []
    boto3 = types.ModuleType("boto3")
    boto3.client = lambda service: clients.append(service) or (FakeEC2() if service == "ec2" else FakeAutoScaling())
    botocore = types.ModuleType("botocore")
    exceptions = types.ModuleType("botocore.exceptions")
    exceptions.ClientError = ClientError
    botocore.exceptions = exceptions
    sys.modules.update({"boto3": boto3, "botocore": botocore, "botocore.exceptions": exceptions})
    return clients


CLIENTS = install_fake_boto3()
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("TENK_REFRESH_SOURCE") or os.path.join(HERE, "start_refresh.py")
spec = importlib.util.spec_from_file_location("start_refresh", SOURCE)
start_refresh = importlib.util.module_from_spec(spec)
spec.loader.exec_module(start_refresh)

if os.environ.get("TENK_REFRESH_REQUEST"):
    with open(os.environ["TENK_REFRESH_REQUEST"]) as f:
        REQUEST = json.load(f)
else:
    REQUEST = {
        "AutoScalingGroupName": "web-asg", "Strategy": "Rolling",
        "DesiredConfiguration": {"LaunchTemplate": {"LaunchTemplateId": "lt-1", "Version": "2"}},
        "Preferences": {"MinHealthyPercentage": 100, "MaxHealthyPercentage": 200, "InstanceWarmup": 300,
                        "CheckpointPercentages": [50, 100], "CheckpointDelay": 600, "SkipMatching": True,
                        "AutoRollback": True, "AlarmSpecification": {"Alarms": ["a", "b"]},
                        "ScaleInProtectedInstances": "Ignore", "StandbyInstances": "Ignore"},
    }

# StartInstanceRefresh's parameters and RefreshPreferences' members with their types (Auto
# Scaling API Reference); the request must use only these.
PREFERENCE_TYPES = {
    "MinHealthyPercentage": int, "MaxHealthyPercentage": int, "InstanceWarmup": int,
    "CheckpointPercentages": list, "CheckpointDelay": int, "SkipMatching": bool, "AutoRollback": bool,
    "ScaleInProtectedInstances": str, "StandbyInstances": str, "AlarmSpecification": dict, "BakeTime": int,
}


class FakeAutoScaling:
    def __init__(self, saved="0", refreshes=(), denied=0, start_error=None):
        self.saved, self.refreshes, self.denied, self.start_error = saved, list(refreshes), denied, start_error
        self.calls = []

    def _deny(self):
        if self.denied:
            self.denied -= 1
            raise ClientError("AccessDenied")

    def describe_auto_scaling_groups(self, **kw):
        self.calls.append(("describe_auto_scaling_groups", kw))
        self._deny()
        lt = {"LaunchTemplateId": REQUEST["DesiredConfiguration"]["LaunchTemplate"]["LaunchTemplateId"], "Version": self.saved}
        return {"AutoScalingGroups": [{"AutoScalingGroupName": kw["AutoScalingGroupNames"][0], "LaunchTemplate": lt}]}

    def describe_instance_refreshes(self, **kw):
        self.calls.append(("describe_instance_refreshes", kw))
        return {"InstanceRefreshes": self.refreshes}

    def start_instance_refresh(self, **kw):
        self.calls.append(("start_instance_refresh", kw))
        if self.start_error:
            raise ClientError(self.start_error)
        return {"InstanceRefreshId": "r-1"}

    def started(self):
        return [kw for name, kw in self.calls if name == "start_instance_refresh"]


class FakeEC2:
    """DescribeLaunchTemplateVersions of the group's saved version, whose ImageId is image."""

    def __init__(self, image="ami-0123456789abcdef0"):
        self.image, self.calls = image, []

    def describe_launch_template_versions(self, **kw):
        self.calls.append(("describe_launch_template_versions", kw))
        return {"LaunchTemplateVersions": [{"LaunchTemplateId": kw["LaunchTemplateId"],
                                            "VersionNumber": int(kw["Versions"][0]),
                                            "LaunchTemplateData": {"ImageId": self.image}}]}


# A numbered version other than the one the request asks for: the group's saved one, or the
# previous input's.
OTHER = str(int(REQUEST["DesiredConfiguration"]["LaunchTemplate"]["Version"]) + 1)


def event(action, prev=None, **changes):
    """The CRUD invocation's event: the request (with changes to its Preferences) plus "tf"."""
    ev = json.loads(json.dumps(REQUEST))
    ev["Preferences"].update(changes)
    ev["tf"] = {"action": action, "prev_input": prev}
    return ev


class RequestShape(unittest.TestCase):
    def test_only_the_api_parameters_with_their_types(self):
        self.assertEqual({"AutoScalingGroupName", "Strategy", "DesiredConfiguration", "Preferences"}, set(REQUEST))
        self.assertEqual("Rolling", REQUEST["Strategy"])
        lt = REQUEST["DesiredConfiguration"]["LaunchTemplate"]
        self.assertEqual({"LaunchTemplateId", "Version"}, set(lt))
        self.assertTrue(lt["Version"].isdigit(), "a numbered version: rollback needs one")
        for key, value in REQUEST["Preferences"].items():
            self.assertIn(key, PREFERENCE_TYPES)
            self.assertIsInstance(value, PREFERENCE_TYPES[key], key)
        self.assertTrue(REQUEST["Preferences"]["AutoRollback"])
        self.assertTrue(REQUEST["Preferences"]["SkipMatching"])
        # The API's default for both is Wait: a standby or scale-in-protected instance would
        # hold the refresh (Auto Scaling API Reference, RefreshPreferences).
        self.assertEqual("Ignore", REQUEST["Preferences"]["ScaleInProtectedInstances"])
        self.assertEqual("Ignore", REQUEST["Preferences"]["StandbyInstances"])
        alarms = REQUEST["Preferences"].get("AlarmSpecification")
        if alarms is not None:
            self.assertEqual({"Alarms"}, set(alarms))
            self.assertTrue(all(isinstance(a, str) and a for a in alarms["Alarms"]))


class Lifecycle(unittest.TestCase):
    """The CRUD invocation's actions (terraform-provider-aws internal/service/lambda/invocation.go)."""

    def run_event(self, ev, saved="0", image="ami-0123456789abcdef0"):
        client, ec2, logs = FakeAutoScaling(saved=saved), FakeEC2(image), []
        out = start_refresh.dispatch(ev, client, sleep=lambda s: None, ec2=ec2, log=logs.append)
        return client, out, logs

    def test_create_starts_the_request_without_the_tf_key(self):
        client, out, _ = self.run_event(event("create"))
        self.assertEqual([REQUEST], client.started(), "the tf key never reaches StartInstanceRefresh")
        self.assertNotIn("tf", client.started()[0])
        self.assertTrue(out["started"])

    def test_create_of_the_saved_version_starts_nothing(self):
        client, out, _ = self.run_event(event("create"), saved=REQUEST["DesiredConfiguration"]["LaunchTemplate"]["Version"])
        self.assertEqual([], client.started(), "the first deploy")
        self.assertFalse(out["started"])

    def test_update_with_the_same_version_starts_nothing(self):
        # After a rollback the group saves the previous version and the template's latest is the
        # bad one: a change of preferences, alarms or warmup alone must not restart it.
        for changes in ({"MinHealthyPercentage": 90}, {"InstanceWarmup": 120}, {"AlarmSpecification": {"Alarms": ["renamed"]}},
                        {"CheckpointDelay": 300}):
            client, out, logs = self.run_event(event("update", prev=REQUEST, **changes), saved="0")
            self.assertEqual([], client.started(), changes)
            self.assertFalse(out["started"])
            self.assertEqual([], [c for c in client.calls if c[0] == "describe_auto_scaling_groups"], "not even read")
            self.assertIn("nothing started", logs[0])
            self.assertIn("--replace", logs[0], "the way to retry the same release")

    def test_delete_does_nothing(self):
        client, out, logs = self.run_event(event("delete", prev=REQUEST))
        self.assertEqual([], client.calls, "no API call at all")
        self.assertFalse(out["started"])
        self.assertIn("delete", logs[0])

    def test_a_saved_ssm_image_starts_without_auto_rollback(self):
        ssm = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
        client, ec2, logs = FakeAutoScaling(saved=OTHER), FakeEC2(ssm), []
        out = start_refresh.dispatch(event("create"), client, sleep=lambda s: None, ec2=ec2, log=logs.append)
        self.assertEqual([("describe_launch_template_versions", {"LaunchTemplateId": REQUEST["DesiredConfiguration"]["LaunchTemplate"]["LaunchTemplateId"], "Versions": [OTHER]})], ec2.calls,
                         "the group's saved version is read")
        want = json.loads(json.dumps(REQUEST))
        want["Preferences"]["AutoRollback"] = False
        self.assertEqual([want], client.started(), "AutoRollback off for this refresh; the alarms stay")
        self.assertEqual(REQUEST["Preferences"].get("AlarmSpecification"), client.started()[0]["Preferences"].get("AlarmSpecification"))
        self.assertFalse(out["autoRollback"])
        self.assertTrue(any("resolve:ssm:" in line and "AutoRollback false" in line for line in logs), logs)

    def test_a_saved_pinned_ami_keeps_auto_rollback(self):
        client, ec2, logs = FakeAutoScaling(saved=OTHER), FakeEC2("ami-0123456789abcdef0"), []
        start_refresh.dispatch(event("create"), client, sleep=lambda s: None, ec2=ec2, log=logs.append)
        self.assertEqual(1, len(ec2.calls))
        self.assertEqual([REQUEST], client.started())
        self.assertTrue(client.started()[0]["Preferences"]["AutoRollback"])
        self.assertEqual([], logs)


class Start(unittest.TestCase):
    def test_a_new_version_starts_exactly_the_request(self):
        client = FakeAutoScaling(saved="0", refreshes=[{"Status": "Successful"}])
        out = start_refresh.start(json.loads(json.dumps(REQUEST)), client, sleep=lambda s: None)
        self.assertEqual([REQUEST], client.started(), "the request reaches StartInstanceRefresh unchanged")
        self.assertTrue(out["started"])
        self.assertEqual("r-1", out["instanceRefreshId"])
        self.assertEqual("0", out["previousVersion"])

    def test_the_group_already_on_the_version_starts_nothing(self):
        client = FakeAutoScaling(saved=REQUEST["DesiredConfiguration"]["LaunchTemplate"]["Version"])
        out = start_refresh.start(REQUEST, client, sleep=lambda s: None)
        self.assertEqual([], client.started(), "the first deploy, or a change of preferences alone")
        self.assertFalse(out["started"])

    def test_a_running_refresh_fails_the_deploy(self):
        for status in start_refresh.ACTIVE:
            client = FakeAutoScaling(refreshes=[{"Status": status, "InstanceRefreshId": "r-0", "PercentageComplete": 50}])
            with self.assertRaises(start_refresh.RolloutBusy) as err:
                start_refresh.start(REQUEST, client, sleep=lambda s: None)
            self.assertIn("rolloutStatusCommand", str(err.exception))
            self.assertIn(status, str(err.exception))
            self.assertEqual([], client.started(), "never cancelled, never started beside it")

    def test_a_refresh_started_meanwhile_fails_the_deploy(self):
        client = FakeAutoScaling(start_error="InstanceRefreshInProgress")
        with self.assertRaises(start_refresh.RolloutBusy) as err:
            start_refresh.start(REQUEST, client, sleep=lambda s: None)
        self.assertIn("rolloutStatusCommand", str(err.exception))

    def test_other_errors_fail_as_they_are(self):
        client = FakeAutoScaling(start_error="ValidationError")
        with self.assertRaises(ClientError):
            start_refresh.start(REQUEST, client, sleep=lambda s: None)

    def test_a_new_policy_is_waited_for(self):
        slept = []
        client = FakeAutoScaling(denied=2)
        start_refresh.start(REQUEST, client, sleep=slept.append)
        self.assertEqual([5, 5], slept)
        self.assertEqual(1, len(client.started()))

    def test_access_denied_for_longer_fails(self):
        client = FakeAutoScaling(denied=100)
        with self.assertRaises(ClientError):
            start_refresh.start(REQUEST, client, sleep=lambda s: None)

    def test_handler_uses_an_autoscaling_and_an_ec2_client(self):
        del CLIENTS[:]
        out = start_refresh.handler(event("create"), None)
        self.assertEqual(["autoscaling", "ec2"], CLIENTS)
        self.assertTrue(out["started"])


if __name__ == "__main__":
    unittest.main()
