import Foundation
import Testing

@testable import BatchdeckModel

/// Describe's container, volume and scheduling blocks for pods and pod templates, written out
/// line for line in kubectl's order and alignment.
@Suite struct DescribeContainerTests {
  static let now = DescribeTests.now

  static var workerDetails: ContainerDetails {
    var details = ContainerDetails()
    details.ports = [
      ContainerPort(name: "http", containerPort: 8080),
      ContainerPort(containerPort: 9090, protocolName: "UDP"),
    ]
    details.command = ["sh", "-c"]
    details.args = ["echo start\nsleep 30"]
    details.limits = [
      ResourceAmount(name: "memory", quantity: "256Mi"), ResourceAmount(name: "cpu", quantity: "1"),
    ]
    details.requests = [
      ResourceAmount(name: "cpu", quantity: "250m"),
      ResourceAmount(name: "memory", quantity: "128Mi"),
    ]
    var liveness = Probe(
      purpose: .liveness,
      action: .httpGet(scheme: "HTTP", host: "", port: "8080", path: "/healthz"))
    liveness.initialDelaySeconds = 5
    let readiness = Probe(purpose: .readiness, action: .exec(["cat", "/tmp/ready"]))
    details.probes = [liveness, readiness]
    details.envFrom = [EnvFromSource(kind: "ConfigMap", name: "worker-env", prefix: "W_")]
    details.env = [
      EnvVar(name: "MODE", source: .value("batch")),
      EnvVar(name: "POD_NAME", source: .field(apiVersion: "v1", path: "metadata.name")),
      EnvVar(name: "POD_IP", source: .field(apiVersion: "v1", path: "status.podIP")),
      EnvVar(name: "CORES", source: .resource(container: "", resource: "limits.cpu")),
      EnvVar(name: "DISK", source: .resource(container: "", resource: "limits.memory")),
      EnvVar(name: "TOKEN", source: .secretKey(name: "api", key: "token", optional: false)),
      EnvVar(
        name: "LEVEL", source: .configMapKey(name: "settings", key: "level", optional: true)),
    ]
    details.mounts = [
      VolumeMount(name: "scratch", mountPath: "/tmp"),
      VolumeMount(name: "config", mountPath: "/etc/worker", readOnly: true, subPath: "app"),
    ]
    return details
  }

  static var volumes: [Volume] {
    [
      Volume(name: "config", source: .configMap(name: "worker-config", optional: false)),
      Volume(name: "scratch", source: .emptyDir(medium: "", sizeLimit: "")),
      Volume(name: "creds", source: .secret(name: "api", optional: true)),
      Volume(name: "data", source: .persistentVolumeClaim(claimName: "data-0", readOnly: false)),
      Volume(name: "host", source: .hostPath(path: "/var/log", type: "Directory")),
      Volume(
        name: "kube-api-access-x",
        source: .projected([
          .serviceAccountToken(expirationSeconds: 3607),
          .configMap(name: "kube-root-ca.crt", optional: nil), .downwardAPI,
        ])),
      Volume(name: "shared", source: .other("nfs")),
    ]
  }

  @Test func podWithEveryContainerBlockVolumesAndScheduling() {
    var worker = ContainerSpec(name: "worker", image: "worker:2")
    worker.details = Self.workerDetails
    var setup = InitContainerSpec(name: "setup")
    setup.image = "busybox:1.36"
    setup.details.command = ["true"]
    var pod = Pod(
      metadata: ObjectMeta(namespace: "ml", name: "ingest-abc12", uid: "p2"),
      containers: [worker], initContainers: [setup], nodeName: "node-a", phase: "Running",
      podIP: "10.0.0.7",
      conditions: [Condition(type: "Ready", status: "True")],
      containerStatuses: [
        ContainerStatus(name: "worker", ready: true, state: .running(startedAt: Self.now - 60))
      ],
      initContainerStatuses: [
        ContainerStatus(
          name: "setup",
          state: .terminated(
            Termination(
              exitCode: 0, reason: "Completed", startedAt: Self.now - 90,
              finishedAt: Self.now - 80)))
      ])
    pod.containerStatuses[0].containerID = "containerd://abc"
    pod.containerStatuses[0].imageID = "docker.io/library/worker@sha256:1"
    pod.initContainerStatuses[0].containerID = "containerd://def"
    pod.hostIP = "192.168.1.5"
    pod.message = "all good"
    pod.specDetails.priorityClassName = "batch-low"
    pod.specDetails.volumes = Self.volumes
    pod.specDetails.nodeSelector = ["pool": "batch", "disk": "ssd"]
    pod.specDetails.readinessGates = ["example.com/gate"]
    pod.specDetails.tolerations = [
      Toleration(
        key: "node.kubernetes.io/unreachable", operatorName: "Exists", effect: "NoExecute",
        tolerationSeconds: 300),
      Toleration(key: "dedicated", value: "batch", effect: "NoSchedule"),
      Toleration(operatorName: "Exists"),
    ]
    let lines = Describe.pod(pod, events: [], now: Self.now)
    #expect(
      lines == [
        "Name:                 ingest-abc12",
        "Namespace:            ml",
        "Priority Class Name:  batch-low",
        "Node:                 node-a/192.168.1.5",
        "Labels:               <none>",
        "Annotations:          <none>",
        "Status:               Running",
        "Message:              all good",
        "IP:                   10.0.0.7",
        "IPs:                  <none>",
        "Init Containers:",
        "  setup:",
        "    Container ID:  containerd://def",
        "    Image:         busybox:1.36",
        "    Image ID:      ",
        "    Port:          <none>",
        "    Host Port:     <none>",
        "    Command:",
        "      true",
        "    State:          Terminated",
        "      Reason:       Completed",
        "      Exit Code:    0",
        "      Started:      Thu, 03 Dec 2026 23:58:30 +0000",
        "      Finished:     Thu, 03 Dec 2026 23:58:40 +0000",
        "    Ready:          False",
        "    Restart Count:  0",
        "    Environment:    <none>",
        "    Mounts:         <none>",
        "Containers:",
        "  worker:",
        "    Container ID:  containerd://abc",
        "    Image:         worker:2",
        "    Image ID:      docker.io/library/worker@sha256:1",
        "    Ports:         8080/TCP (http), 9090/UDP",
        "    Host Ports:    0/TCP, 0/UDP",
        "    Command:",
        "      sh",
        "      -c",
        "    Args:",
        "      echo start",
        "      sleep 30",
        "    State:          Running",
        "      Started:      Thu, 03 Dec 2026 23:59:00 +0000",
        "    Ready:          True",
        "    Restart Count:  0",
        "    Limits:",
        "      cpu:     1",
        "      memory:  256Mi",
        "    Requests:",
        "      cpu:      250m",
        "      memory:   128Mi",
        "    Liveness:   http-get http://:8080/healthz delay=5s timeout=1s period=10s"
          + " #success=1 #failure=3",
        "    Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1"
          + " #failure=3",
        "    Environment Variables from:",
        "      worker-env  ConfigMap with prefix 'W_'  Optional: false",
        "    Environment:",
        "      MODE:      batch",
        "      POD_NAME:  ingest-abc12 (v1:metadata.name)",
        "      POD_IP:     (v1:status.podIP)",
        "      CORES:     1 (limits.cpu)",
        "      DISK:      268435456 (limits.memory)",
        "      TOKEN:     <set to the key 'token' in secret 'api'>           Optional: false",
        "      LEVEL:     <set to the key 'level' of config map 'settings'>  Optional: true",
        "    Mounts:",
        "      /etc/worker from config (ro,path=\"app\")",
        "      /tmp from scratch (rw)",
        "Readiness Gates:",
        "  Type               Status",
        "  example.com/gate   <none> ",
        "Conditions:",
        "  Type    Status",
        "  Ready   True ",
        "Volumes:",
        "  config:",
        "    Type:      ConfigMap (a volume populated by a ConfigMap)",
        "    Name:      worker-config",
        "    Optional:  false",
        "  scratch:",
        "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
        "    Medium:     ",
        "    SizeLimit:  <unset>",
        "  creds:",
        "    Type:        Secret (a volume populated by a Secret)",
        "    SecretName:  api",
        "    Optional:    true",
        "  data:",
        "    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the"
          + " same namespace)",
        "    ClaimName:  data-0",
        "    ReadOnly:   false",
        "  host:",
        "    Type:          HostPath (bare host directory volume)",
        "    Path:          /var/log",
        "    HostPathType:  Directory",
        "  kube-api-access-x:",
        "    Type:                    Projected (a volume that contains injected data from"
          + " multiple sources)",
        "    TokenExpirationSeconds:  3607",
        "    ConfigMapName:           kube-root-ca.crt",
        "    ConfigMapOptional:       <nil>",
        "    DownwardAPI:             true",
        "  shared:",
        "    Type:        nfs",
        "QoS Class:       Burstable",
        "Node-Selectors:  disk=ssd",
        "                 pool=batch",
        "Tolerations:     op=Exists",
        "                 dedicated=batch:NoSchedule",
        "                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
        "Events:          <none>",
      ])
  }

  @Test func jobTemplateGetsTheSameContainerAndVolumeBlocks() {
    var main = ContainerSpec(name: "main", image: "python:3.12")
    main.details.command = ["python", "run.py"]
    main.details.env = [
      EnvVar(name: "POD_NAME", source: .field(apiVersion: "v1", path: "metadata.name"))
    ]
    main.details.mounts = [VolumeMount(name: "data", mountPath: "/data")]
    var job = Job(
      metadata: ObjectMeta(namespace: "ml", name: "ingest", uid: "u-2"), containers: [main])
    job.podTemplateLabels = ["app": "ingest"]
    job.podTemplate.annotations = ["team": "ml"]
    job.podTemplate.serviceAccountName = "ingester"
    job.podTemplate.spec.volumes = [
      Volume(name: "data", source: .persistentVolumeClaim(claimName: "data", readOnly: true))
    ]
    job.podTemplate.spec.priorityClassName = "batch-low"
    job.podTemplate.spec.tolerations = [Toleration(key: "gpu", operatorName: "Exists")]
    let lines = Describe.job(job, events: [], now: Self.now)
    let template = lines.drop { $0 != "Pod Template:" }
    #expect(
      Array(template) == [
        "Pod Template:",
        "  Labels:           app=ingest",
        "  Annotations:      team: ml",
        "  Service Account:  ingester",
        "  Containers:",
        "   main:",
        "    Image:      python:3.12",
        "    Port:       <none>",
        "    Host Port:  <none>",
        "    Command:",
        "      python",
        "      run.py",
        "    Environment:",
        "      POD_NAME:   (v1:metadata.name)",
        "    Mounts:",
        "      /data from data (rw)",
        "  Volumes:",
        "   data:",
        "    Type:               PersistentVolumeClaim (a reference to a PersistentVolumeClaim"
          + " in the same namespace)",
        "    ClaimName:          data",
        "    ReadOnly:           true",
        "  Priority Class Name:  batch-low",
        "  Node-Selectors:       <none>",
        "  Tolerations:          gpu op=Exists",
        "Events:                 <none>",
      ])
  }

  @Test func qosClassIsDerivedFromCPUAndMemoryWhenTheStatusLacksIt() {
    func pod(_ limits: [ResourceAmount], _ requests: [ResourceAmount]) -> Pod {
      var container = ContainerSpec(name: "c", image: "i")
      container.details.limits = limits
      container.details.requests = requests
      return Pod(metadata: ObjectMeta(namespace: "a", name: "p"), containers: [container])
    }
    let cpu = ResourceAmount(name: "cpu", quantity: "500m")
    let halfCore = ResourceAmount(name: "cpu", quantity: "0.5")
    let memory = ResourceAmount(name: "memory", quantity: "1Gi")
    let memoryMi = ResourceAmount(name: "memory", quantity: "1024Mi")
    #expect(Describe.qosClass(pod([], [])) == "BestEffort")
    #expect(
      Describe.qosClass(pod([], [ResourceAmount(name: "nvidia.com/gpu", quantity: "1")]))
        == "BestEffort")
    #expect(Describe.qosClass(pod([cpu, memory], [halfCore, memoryMi])) == "Guaranteed")
    #expect(Describe.qosClass(pod([cpu, memory], [cpu])) == "Burstable")
    #expect(Describe.qosClass(pod([cpu], [cpu])) == "Burstable")
    var reported = pod([], [])
    reported.qosClass = "Guaranteed"
    #expect(Describe.qosClass(reported) == "Guaranteed")
  }

  @Test func quantitiesParseWithDecimalAndBinarySuffixes() {
    #expect(Quantity.parse("500m") == Decimal(string: "0.5"))
    #expect(Quantity.parse("2Ki") == 2048)
    #expect(Quantity.parse("1.5G") == 1_500_000_000)
    #expect(Quantity.parse("3e2") == 300)
    #expect(Quantity.parse("12x") == nil)
    #expect(Quantity.parse("") == nil)
  }
}
