// Package lab is crosstalk's namespace testbed: it stands in for a
// hypervisor by building guests as network namespaces on a Linux bridge,
// runs small services and a benign background workload inside them, and
// removes all of it again. It drives iproute2 (`ip`) for namespaces,
// links and addresses, and needs root.
//
// The lab must never send traffic anywhere but to its own namespaces:
// guests get addresses in one private IPv4 /24 and one unique local IPv6
// /64, no default route and no gateway; the bridge gets no host address
// (not even an IPv6 link-local one) so the host takes no part. Down removes
// what Up created and nothing else.
//
// # Names
//
// A lab NAME is 1 to 8 lower-case letters or digits (default "ct"); guest
// i (from 1) of lab NAME has:
//
//	bridge      ct-NAME                 (one per lab)
//	namespace   ct-NAME-GUEST           e.g. ct-ct-web-1
//	port        ctNAME-I                host-side veth on the bridge, e.g. ctct-1 (at most 14 bytes)
//	interface   eth0                    the veth peer inside the namespace
//	MAC         02:77:PP:PP:II:II       locally administered; PPPP from the name (0000 for "ct"), IIII = i
//	IPv4        SUBNET + 10 + i         10.77.0.11 upward for "ct"
//	IPv6        SUBNET6 :: (10+i)       the IPv4 host number spelled in hex digits: fd77::11
//
// The bridge and the ports carry the alias "crosstalk lab NAME [GUEST]"
// (ip link ... alias): Up and Down touch no link without it, whatever its
// name, and no namespace not named for one of the lab's guests.
//
// Guests 1 to 8 are web-1 (role web), app-1 (app), db-1 (db), cache-1
// (cache), monitor, backup, dns-1 (dns) and rogue (rogue, the attack
// source); guest i from 9 on is guest-i (role guest). Every guest has the
// labels role: ROLE and app: lab.
//
// # State directory
//
// Up writes the lab's state to Config.StateDir (default
// /run/crosstalk/lab/NAME):
//
//	lab.json         what the lab was built with: name, bridge, guests, subnets, workload
//	guests.yaml      the guests in the inventory guests-file format (crosstalk replay --guests)
//	pids/GUEST.pid   the pid of the guest's process (services and workload)
//	logs/GUEST.log   that process's log
//
// # Status
//
// Status reads the system (namespaces, links, addresses, processes), not
// only the state directory. Its JSON form is a contract:
//
//	{"lab": "ct", "bridge": "ct-ct",
//	 "guests": [{"name": "web-1", "namespace": "ct-ct-web-1", "port": "ctct-1",
//	             "ifindex": 12, "mac": "02:77:00:00:00:01",
//	             "ips": ["10.77.0.11", "fd77::11"],
//	             "labels": {"app": "lab", "role": "web"},
//	             "up": true}]}
//
// ifindex is the port's index in the host namespace (0 when the port is
// missing); mac and ips are read from eth0 inside the namespace (global
// addresses only; empty when they cannot be read); up is true when
// nothing is missing. The top-level missing lists "bridge" when the
// bridge is gone; a guest's missing lists, in this order, any of
// "namespace", "port", "bridge" (the port is not on the lab's bridge),
// "eth0", "mac" (eth0 has another MAC), "ipv4", "ipv6", "link" (the port
// or eth0 is down) and "process" (the guest's process is not running).
// Both missing keys are omitted when empty.
package lab
