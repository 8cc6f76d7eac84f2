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
    boto3.client = lambda service: clients.append(service) or FakeAutoScaling()
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
                        "AutoRollback": True, "AlarmSpecification": {"Alarms": ["a", "b"]}},
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
        alarms = REQUEST["Preferences"].get("AlarmSpecification")
        if alarms is not None:
            self.assertEqual({"Alarms"}, set(alarms))
            self.assertTrue(all(isinstance(a, str) and a for a in alarms["Alarms"]))


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

    def test_handler_uses_an_autoscaling_client(self):
        del CLIENTS[:]
        start_refresh.handler(REQUEST, None)
        self.assertEqual(["autoscaling"], CLIENTS)


if __name__ == "__main__":
    unittest.main()
