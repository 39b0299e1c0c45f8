#!/usr/bin/env bash
# record.sh - record the packet captures in testdata/pcaps/ used as test fixtures.
#
# What it records
#   Real attack tools (nmap, masscan, hping3, arping) and some benign traffic
#   (curl, DNS, ping) run between four network namespaces that sit on a
#   private Linux bridge, captured on the bridge with tcpdump:
#
#     bridge  ctrec0   (no IP address, IPv6 disabled: the host itself sends nothing)
#     ctrec-a  attacker  10.99.0.10  fd99::10  02:99:00:00:00:01
#     ctrec-b  web       10.99.0.11  fd99::11  02:99:00:00:00:02   (main victim)
#     ctrec-c  client    10.99.0.12  fd99::12  02:99:00:00:00:03
#     ctrec-d  db        10.99.0.13  fd99::13  02:99:00:00:00:04
#
#   ctrec-b, -c and -d run small services (a Python script written to a temp
#   dir): HTTP on 80, TCP banner listeners on 22 and 443, a DNS-ish UDP
#   responder on 53. An nftables rule in each target namespace drops
#   tcp 135,139,445 and udp 137,161 so scans also see "filtered" ports.
#   The namespaces have no default route: nothing can leave 10.99.0.0/24 and
#   fd99::/64, and every tool is pointed only at these addresses (nmap runs
#   with -n so it does no reverse DNS).
#
#   One pcap per scenario, snaplen 256, written to testdata/pcaps/ next to
#   this script (see testdata/pcaps/README.md for each file's command and
#   what a detector should report; guests.yaml describes the namespaces).
#
# Needs
#   root (network namespaces, bridge, raw sockets), Linux, and:
#   apt-get install -y nmap masscan hping3 tcpdump arping nftables iputils-ping curl python3
#
# Run
#   sudo bash testdata/record.sh            # all captures (about 3-4 minutes)
#   sudo bash testdata/record.sh nmap_syn hping_spoof   # only the named ones
#   KEEP_LOG=/tmp/tools.log sudo -E bash testdata/record.sh   # keep the tools' output
#   Exit status is non-zero if any tool failed; that capture is then not replaced.
#
#   It is idempotent: leftovers of an earlier run (namespaces, bridge, the
#   processes inside those namespaces) are removed at the start, and
#   everything is torn down again on exit (trap), also on error or Ctrl-C.
#   Captures are written to a temp file first and moved into place only when
#   tcpdump has exited cleanly.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/pcaps"
BR=ctrec0
NSS=(ctrec-a ctrec-b ctrec-c ctrec-d)
TARGETS=(ctrec-b ctrec-c ctrec-d)
A=10.99.0.10 B=10.99.0.11 C=10.99.0.12 D=10.99.0.13
MAC_A=02:99:00:00:00:01 MAC_B=02:99:00:00:00:02 MAC_C=02:99:00:00:00:03 MAC_D=02:99:00:00:00:04
SNAPLEN=256

log() { printf '[record] %s\n' "$*" >&2; }
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

need_tools() {
	local t missing=()
	for t in ip nmap masscan hping3 tcpdump arping nft ping curl python3; do
		command -v "$t" >/dev/null 2>&1 || missing+=("$t")
	done
	if ((${#missing[@]})); then
		log "missing tools: ${missing[*]}"
		log "apt-get install -y nmap masscan hping3 tcpdump arping nftables iputils-ping curl python3"
		exit 1
	fi
	if [[ $(id -u) != 0 ]]; then
		log "must run as root"
		exit 1
	fi
}

TCPDUMP_PID=""
WORK=""
FAILED=()

cleanup() {
	set +e
	if [[ -n $TCPDUMP_PID ]] && kill -0 "$TCPDUMP_PID" 2>/dev/null; then
		kill -INT "$TCPDUMP_PID"
		wait "$TCPDUMP_PID" 2>/dev/null
	fi
	TCPDUMP_PID=""
	local ns pid
	for ns in "${NSS[@]}"; do
		if ip netns list | grep -qw -- "$ns"; then
			# Only processes living inside our own namespaces.
			for pid in $(ip netns pids "$ns" 2>/dev/null); do
				kill "$pid" 2>/dev/null
			done
			sleep 0.2
			for pid in $(ip netns pids "$ns" 2>/dev/null); do
				kill -9 "$pid" 2>/dev/null
			done
			ip netns del "$ns" 2>/dev/null
		fi
	done
	for ns in a b c d; do
		ip link del "ctrec-h$ns" 2>/dev/null
	done
	ip link del "$BR" 2>/dev/null
	if [[ -n $WORK && -d $WORK ]]; then
		rm -rf "$WORK"
	fi
	WORK=""
	set -e
}

# Services for the target namespaces: HTTP on 80, banners on 22/443,
# a minimal DNS responder on udp/53 (answers A queries with the server's own IP).
write_services() {
	cat >"$WORK/services.py" <<'PY'
import os, socket, struct, sys, threading
from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler

ip = sys.argv[1]
root = sys.argv[2]

class Quiet(SimpleHTTPRequestHandler):
    def __init__(self, *a, **kw):
        super().__init__(*a, directory=root, **kw)
    def log_message(self, *a):
        pass

def http():
    ThreadingHTTPServer((ip, 80), Quiet).serve_forever()

def banner(port, text):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ip, port))
    s.listen(128)
    while True:
        c, _ = s.accept()
        try:
            c.sendall(text)
        except OSError:
            pass
        c.close()

def dns():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((ip, 53))
    while True:
        q, peer = s.recvfrom(512)
        if len(q) < 12:
            continue
        # question ends after the QNAME labels + QTYPE + QCLASS
        i = 12
        while i < len(q) and q[i] != 0:
            i += q[i] + 1
        qend = i + 5
        qtype = struct.unpack("!H", q[i + 1:i + 3])[0] if qend <= len(q) else 0
        ans = b""
        if qtype == 1:
            ans = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton(ip)
        hdr = q[:2] + b"\x81\x80" + struct.pack("!HHHH", 1, 1 if ans else 0, 0, 0)
        s.sendto(hdr + q[12:qend] + ans, peer)

threading.Thread(target=http, daemon=True).start()
threading.Thread(target=banner, args=(22, b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), daemon=True).start()
threading.Thread(target=banner, args=(443, b"\x15\x03\x03\x00\x02\x02\x28"), daemon=True).start()
dns()
PY
	mkdir -p "$WORK/www"
	printf '<html><body>ok</body></html>\n' >"$WORK/www/index.html"

	# DNS client used by the benign scenario.
	cat >"$WORK/dnsq.py" <<'PY'
import random, socket, struct, sys
server = sys.argv[1]
for name in sys.argv[2:]:
    qid = random.randrange(65536)
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\x00"
    q += struct.pack("!HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    s.sendto(q, (server, 53))
    try:
        s.recvfrom(512)
    except socket.timeout:
        pass
    s.close()
PY
}

setup() {
	log "setting up bridge $BR and namespaces"
	ip link add "$BR" address 02:99:00:00:00:fe type bridge stp_state 0 forward_delay 0
	sysctl -qw "net.ipv6.conf.$BR.disable_ipv6=1"
	ip link set "$BR" up

	local i=0 ns l hv ip4 ip6 mac
	for l in a b c d; do
		ns="ctrec-$l"
		hv="ctrec-h$l"
		ip4="10.99.0.$((10 + i))"
		ip6="fd99::$((10 + i))"
		mac="02:99:00:00:00:0$((i + 1))"
		ip netns add "$ns"
		ip link add "$hv" address "02:99:00:00:01:0$((i + 1))" type veth peer name eth0 netns "$ns"
		sysctl -qw "net.ipv6.conf.$hv.disable_ipv6=1"
		ip link set "$hv" master "$BR" up
		in_ns "$ns" sysctl -qw net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
			net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0
		in_ns "$ns" sysctl -qw net.ipv6.conf.eth0.accept_ra=0 net.ipv6.conf.eth0.router_solicitations=0
		ip -n "$ns" link set lo up
		ip -n "$ns" link set eth0 address "$mac"
		ip -n "$ns" addr add "$ip4/24" dev eth0
		ip -n "$ns" addr add "$ip6/64" dev eth0 nodad
		ip -n "$ns" link set eth0 up
		i=$((i + 1))
	done

	local ns4
	for ns in "${TARGETS[@]}"; do
		ns4=$(ip -n "$ns" -4 -o addr show dev eth0 | awk '{print $4}' | cut -d/ -f1)
		in_ns "$ns" nft -f - <<'NFT'
table inet ctrec {
	chain input {
		type filter hook input priority 0; policy accept;
		tcp dport { 135, 139, 445 } drop
		udp dport { 137, 161 } drop
	}
}
NFT
		in_ns "$ns" python3 "$WORK/services.py" "$ns4" "$WORK/www" \
			>"$WORK/services-$ns.log" 2>&1 &
	done
	# let listeners bind and the IPv6 link-up chatter (MLD reports) die down
	local n
	for n in $(seq 50); do
		if in_ns ctrec-b python3 -c "import socket; socket.create_connection(('$B', 80), 1).close()" 2>/dev/null \
			&& in_ns ctrec-d python3 -c "import socket; socket.create_connection(('$D', 22), 1).close()" 2>/dev/null; then
			break
		fi
		sleep 0.2
	done
	sleep 3
}

# capture NAME CMD...: run CMD (a shell function or command) while tcpdump
# records the bridge into $OUT/NAME.pcap.
capture() {
	local name=$1
	shift
	local tmp="$WORK/$name.pcap" err="$WORK/$name.tcpdump.err"
	for ns in "${NSS[@]}"; do
		ip -n "$ns" neigh flush all 2>/dev/null || true
	done
	sleep 0.5
	log "recording $name: $*"
	tcpdump -i "$BR" -n -s "$SNAPLEN" -U -w "$tmp" 2>"$err" &
	TCPDUMP_PID=$!
	local n
	for n in $(seq 50); do
		grep -q "listening on" "$err" && break
		sleep 0.1
	done
	sleep 0.5
	local start=$SECONDS rc=0
	"$@" || rc=$?
	sleep 1
	kill -INT "$TCPDUMP_PID"
	wait "$TCPDUMP_PID" || true
	TCPDUMP_PID=""
	if ((rc != 0)); then
		log "  FAILED: $name (exit $rc); $OUT/$name.pcap left unchanged; tool output:"
		tail -n 20 "$WORK/tools.log" >&2
		FAILED+=("$name")
		return 0
	fi
	mv -f "$tmp" "$OUT/$name.pcap"
	chown --reference="$OUT" "$OUT/$name.pcap" 2>/dev/null || true
	log "  $name: $(tcpdump -nn -r "$OUT/$name.pcap" 2>/dev/null | wc -l) packets, $(stat -c %s "$OUT/$name.pcap") bytes, $((SECONDS - start)) s"
}

# ---- scenarios ---------------------------------------------------------------

nmap_a() { in_ns ctrec-a nmap -n "$@" >>"$WORK/tools.log" 2>&1; }

s_nmap_syn()     { nmap_a -sS -p 1-1000 -T4 "$B"; }
s_nmap_connect() { nmap_a -sT -p 1-500 "$B"; }
s_nmap_fin()     { nmap_a -sF -p 1-300 "$B"; }
s_nmap_null()    { nmap_a -sN -p 1-300 "$B"; }
s_nmap_xmas()    { nmap_a -sX -p 1-300 "$B"; }
s_nmap_ack()     { nmap_a -sA -p 1-300 "$B"; }
s_nmap_udp()     { nmap_a -sU -p 1-200 --max-retries 1 -T5 "$B"; }
s_nmap_slow()    { nmap_a -sS -p 1-40 --scan-delay 2s "$B"; }
s_nmap_sweep()   { nmap_a -sn 10.99.0.0/24; }
s_nmap_sweep_icmp() { nmap_a -sn -PE --send-ip 10.99.0.0/24; }

s_masscan_tcp() {
	# masscan has its own TCP/IP stack: inside a namespace without a default
	# route it cannot find a gateway, so adapter, source IP/MAC and the
	# next-hop MAC (the victim itself: it is on-link) are given explicitly.
	# It reuses the attacker's own IP, so the attacker's kernel answers the
	# victim's SYN-ACKs with RSTs (as on a real host without a firewall rule).
	(cd "$WORK" && in_ns ctrec-a masscan "$B" -p1-1000 --rate 2000 \
		--adapter eth0 --adapter-ip "$A" --adapter-mac "$MAC_A" \
		--router-mac "$MAC_B" --wait 2 >>"$WORK/tools.log" 2>&1)
}

# hping3 exits 1 when it got no replies (normal for floods with spoofed sources).
# -n: no reverse lookups of ICMP senders (they would try DNS, and hping3 3.0.0
# sometimes aborts inside that lookup with a glibc malloc assertion).
hping_a() { in_ns ctrec-a hping3 -n "$@" >>"$WORK/tools.log" 2>&1 || [[ $? == 1 ]]; }

s_hping_synflood()        { hping_a -S -p 80 --rand-source -c 3000 -i u100 "$B"; }
s_hping_synflood_onesrc() { hping_a -S -p 80 -c "$ONESRC_COUNT" -i u200 "$B"; }
s_hping_udpflood()        { hping_a --udp -p 5000 -i u100 -c 3000 "$B"; }

s_hping_spoof() {
	# 1) 300 SYNs to b:80 with c's IP as source (but a's MAC); b answers c, c RSTs.
	hping_a -S -p 80 -a "$C" -c 300 -i u10000 "$B"
	sleep 0.5
	# 2) ARP spoofing: a claims c's IP with its own MAC.
	#    gratuitous request (broadcast), gratuitous reply (broadcast),
	#    and unicast replies straight to b.
	in_ns ctrec-a arping -q -i eth0 -U -S "$C" -c 3 -W 0.3 "$C" >>"$WORK/tools.log" 2>&1 || true
	in_ns ctrec-a arping -q -i eth0 -U -P -S "$C" -c 3 -W 0.3 "$C" >>"$WORK/tools.log" 2>&1 || true
	in_ns ctrec-a arping -q -i eth0 -P -S "$C" -t "$MAC_B" -c 3 -W 0.3 "$B" >>"$WORK/tools.log" 2>&1 || true
}

s_benign_web() {
	# c: pings, DNS lookups, 200 short HTTP requests to b; d pings b and c.
	in_ns ctrec-c ping -n -c 3 -i 0.2 "$B" >>"$WORK/tools.log" 2>&1
	in_ns ctrec-c ping -n -6 -c 3 -i 0.2 fd99::11 >>"$WORK/tools.log" 2>&1
	in_ns ctrec-c python3 "$WORK/dnsq.py" "$B" www.example.internal api.example.internal \
		db.example.internal www.example.internal cdn.example.internal >>"$WORK/tools.log" 2>&1
	local i urls=()
	for i in $(seq 200); do
		urls+=("http://$B/index.html?i=$i")
	done
	# one curl per request (new TCP connection each time), 20 ms apart
	for u in "${urls[@]}"; do
		in_ns ctrec-c curl -s -o /dev/null --max-time 2 "$u" || true
		sleep 0.02
	done
	in_ns ctrec-c python3 "$WORK/dnsq.py" "$B" www.example.internal mail.example.internal >>"$WORK/tools.log" 2>&1
	in_ns ctrec-d ping -n -c 3 -i 0.2 "$B" >>"$WORK/tools.log" 2>&1
	in_ns ctrec-d ping -n -c 2 -i 0.2 "$C" >>"$WORK/tools.log" 2>&1
}

ALL=(nmap_syn nmap_connect nmap_fin nmap_null nmap_xmas nmap_ack nmap_udp nmap_slow
	nmap_sweep nmap_sweep_icmp masscan_tcp hping_synflood hping_synflood_onesrc
	hping_udpflood hping_spoof benign_web)

# Each SYN in the single-source flood draws a SYN-ACK and an RST: 2000 as in
# the brief would be ~450 KB; 1200 keeps the file under ~300 KB.
ONESRC_COUNT=${ONESRC_COUNT:-1200}

main() {
	need_tools
	local want=("$@")
	((${#want[@]})) || want=("${ALL[@]}")
	local w
	for w in "${want[@]}"; do
		declare -F "s_$w" >/dev/null || { log "unknown capture: $w (known: ${ALL[*]})"; exit 2; }
	done
	cleanup
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	WORK=$(mktemp -d /tmp/ctrec.XXXXXX)
	mkdir -p "$OUT"
	write_services
	setup
	for w in "${want[@]}"; do
		capture "$w" "s_$w"
	done
	if [[ -n ${KEEP_LOG:-} ]]; then cp "$WORK/tools.log" "$KEEP_LOG"; fi
	if ((${#FAILED[@]})); then
		log "failed: ${FAILED[*]}"
		exit 1
	fi
	log "done; wrote ${#want[@]} capture(s) to $OUT"
}

main "$@"
