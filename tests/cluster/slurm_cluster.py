"""A real single-node Slurm cluster (munged, slurmctld, slurmd) on loopback,
with all its state under one temporary folder. Started and stopped by the
tests; if it cannot start, `SlurmCluster.start` raises with the daemons' logs."""
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlurmCluster:
    def __init__(self, root):
        self.root = pathlib.Path(root)
        self.host = socket.gethostname()
        self.conf = self.root / "slurm.conf"
        self.munge = self.root / "munge"
        self.socket = self.munge / "munge.socket.2"
        self.env = dict(os.environ, SLURM_CONF=str(self.conf))
        self.started = []

    def logs(self):
        out = []
        for name in ["munged.log", "slurmctld.log", "slurmd.log"]:
            p = self.root / name if name != "munged.log" else self.munge / name
            if p.exists():
                out.append(f"==== {p} ====\n" + p.read_text(errors="replace")[-4000:])
        return "\n".join(out)

    def _write_config(self):
        ctld, d = free_port(), free_port()
        # Half the machine's memory, so slurmd (which checks RealMemory against
        # what it finds) accepts it and jobs can ask for memory with --mem.
        with open("/proc/meminfo") as f:
            total_mb = next(int(line.split()[1]) // 1024 for line in f if line.startswith("MemTotal:"))
        for sub in ["state", "spool"]:
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self.conf.write_text(f"""ClusterName=diplosimtest
SlurmctldHost={self.host}(127.0.0.1)
SlurmctldPort={ctld}
SlurmdPort={d}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={self.socket}
StateSaveLocation={self.root}/state
SlurmdSpoolDir={self.root}/spool
SlurmctldPidFile={self.root}/slurmctld.pid
SlurmdPidFile={self.root}/slurmd.pid
SlurmctldLogFile={self.root}/slurmctld.log
SlurmdLogFile={self.root}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,sched_interval=1
NodeName={self.host} NodeAddr=127.0.0.1 CPUs=2 RealMemory={total_mb // 2} State=UNKNOWN
PartitionName=debug Nodes={self.host} Default=YES MaxTime=INFINITE State=UP
""")

    def _start_munge(self):
        self.munge.mkdir(parents=True, exist_ok=True)
        munge_user = pwd.getpwnam("munge")
        key = self.munge / "munge.key"
        key.write_bytes(os.urandom(1024))
        for p in [self.munge, key]:
            os.chown(p, munge_user.pw_uid, munge_user.pw_gid)
        os.chmod(self.munge, 0o755)
        os.chmod(key, 0o600)
        subprocess.run(["runuser", "-u", "munge", "--", "/usr/sbin/munged", f"--socket={self.socket}",
                        f"--key-file={key}", f"--pid-file={self.munge}/munged.pid",
                        f"--log-file={self.munge}/munged.log", f"--seed-file={self.munge}/munged.seed"],
                       check=True, capture_output=True, timeout=30)
        self.started.append("munged")

    def start(self, timeout=60):
        try:
            self._write_config()
            self._start_munge()
            subprocess.run(["/usr/sbin/slurmctld"], env=self.env, check=True, capture_output=True, timeout=30)
            self.started.append("slurmctld")
            subprocess.run(["/usr/sbin/slurmd"], env=self.env, check=True, capture_output=True, timeout=30)
            self.started.append("slurmd")
            deadline = time.time() + timeout
            while time.time() < deadline:
                r = subprocess.run(["sinfo", "-h", "-o", "%T"], env=self.env, capture_output=True, text=True)
                if r.returncode == 0 and r.stdout.strip() == "idle":
                    return self
                time.sleep(0.3)
            raise RuntimeError("the node did not become idle in time")
        except Exception as e:
            logs = self.logs()
            self.stop()
            raise RuntimeError(f"could not start the test Slurm cluster: {e}\n{logs}") from e

    def wait(self, job_ids, timeout):
        """Polls squeue until none of the jobs is pending or running."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            r = subprocess.run(["squeue", "-h", "-j", ",".join(job_ids), "-o", "%i %T"], env=self.env,
                               capture_output=True, text=True)
            if r.returncode == 0 and not r.stdout.strip():
                return
            time.sleep(0.5)
        raise TimeoutError(f"jobs {job_ids} still queued after {timeout} s\n{self.logs()}")

    def stop(self):
        if "slurmctld" in self.started or "slurmd" in self.started:
            subprocess.run(["scontrol", "shutdown"], env=self.env, capture_output=True, timeout=30)
            deadline = time.time() + 20
            while time.time() < deadline and any((self.root / f).exists() for f in ["slurmctld.pid", "slurmd.pid"]):
                time.sleep(0.2)
            for pidfile in ["slurmctld.pid", "slurmd.pid"]:  # if a daemon ignored the shutdown
                p = self.root / pidfile
                if p.exists():
                    try:
                        os.kill(int(p.read_text().strip()), 9)
                    except (ValueError, ProcessLookupError):
                        pass
        if "munged" in self.started:
            subprocess.run(["/usr/sbin/munged", f"--socket={self.socket}", "--stop"], capture_output=True, timeout=30)
        self.started = []
