package flowtable

import (
	"github.com/crosstalk-dev/crosstalk/flow"
)

// Dir is a direction within a flow.
type Dir uint8

// Directions: Orig is what the initiator sends, Resp what the responder sends.
const (
	Orig Dir = 0
	Resp Dir = 1
)

// Outcome is what became of a connection attempt.
type Outcome uint8

// Outcomes. A flow that is not an attempt (it began with a reply, a RST or
// a one-way ICMP message) has OutcomeNone.
const (
	OutcomeNone        Outcome = iota
	OutcomePending             // no answer yet
	OutcomeAnswered            // the responder answered (SYN-ACK, data, echo reply)
	OutcomeRefusedRST          // the responder sent a TCP RST
	OutcomeRefusedICMP         // an ICMP unreachable came back
	OutcomeUnanswered          // nothing came back within the attempt timeout
)

var outcomeNames = [...]string{"", "pending", "answered", "refused-rst", "refused-icmp", "unanswered"}

// String names the outcome as flow records show it.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// Failed reports whether the attempt failed (refused or unanswered).
func (o Outcome) Failed() bool {
	return o == OutcomeRefusedRST || o == OutcomeRefusedICMP || o == OutcomeUnanswered
}

// EndReason says why a flow left the table.
type EndReason uint8

// End reasons.
const (
	EndIdle    EndReason = iota + 1 // idle (or closed) past its timeout
	EndEvicted                      // evicted because the table was full
	EndFlush                        // the table was flushed (end of input, shutdown)
)

// Flow is one bidirectional conversation. Key is the initiator's key. A
// *Flow handed to an Observer is valid only during the call: the table
// reuses its storage.
type Flow struct {
	Key         flow.Key
	First, Last flow.Time
	VLAN        uint16
	// MAC and Port per direction: the sender's MAC and ingress switch port
	// of the first packet seen in that direction.
	MAC     [2]flow.MAC
	Port    [2]uint32
	Packets [2]uint64
	Bytes   [2]uint64
	Payload [2]uint64
	Flags   [2]flow.TCPFlags
	// FirstFlags are the TCP flags of the initiator's first packet.
	FirstFlags flow.TCPFlags
	Outcome    Outcome
	// ICMPType and ICMPCode of an ICMP error that refused the attempt.
	ICMPType, ICMPCode uint8
	// OutcomeTime is when Outcome became known.
	OutcomeTime flow.Time
	// Verdict is what the segmentation policy decided when the flow
	// started (set by the datapath, or by the policy detector), and Rule
	// the datapath's number of the deciding rule (0: none).
	Verdict flow.Verdict
	Rule    uint32

	// bookkeeping
	hash       uint64
	gen        uint32
	prev, next int32
	list       uint8
	closed     bool
}

// IsTCP reports whether f is a TCP flow.
func (f *Flow) IsTCP() bool { return f.Key.Proto == flow.ProtoTCP }

// State returns Zeek's conn_state code for the flow so far (S0, S1, SF,
// REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH).
func (f *Flow) State() string {
	if f.Key.Proto != flow.ProtoTCP {
		switch {
		case f.Packets[Resp] > 0:
			return "SF"
		case f.Outcome == OutcomeRefusedICMP:
			return "REJ"
		}
		return "S0"
	}
	o, r := f.Flags[Orig], f.Flags[Resp]
	origSyn := f.FirstFlags&(flow.SYN|flow.ACK) == flow.SYN
	respSynAck := r&(flow.SYN|flow.ACK) == flow.SYN|flow.ACK
	switch {
	case origSyn && respSynAck:
		switch {
		case o&flow.RST != 0:
			return "RSTO"
		case r&flow.RST != 0:
			return "RSTR"
		case o&flow.FIN != 0 && r&flow.FIN != 0:
			return "SF"
		case o&flow.FIN != 0:
			return "S2"
		case r&flow.FIN != 0:
			return "S3"
		}
		return "S1"
	case origSyn:
		switch {
		case r&flow.RST != 0:
			return "REJ"
		case o&flow.RST != 0:
			return "RSTOS0"
		case o&flow.FIN != 0:
			return "SH"
		case f.Packets[Resp] == 0:
			return "S0"
		}
		return "OTH"
	case respSynAck:
		switch {
		case r&flow.RST != 0:
			return "RSTRH"
		case r&flow.FIN != 0:
			return "SHR"
		}
	}
	return "OTH"
}

// Record returns the flow as a record, with endpoints carrying IPs, MACs
// and transport ports only; callers add guest names.
func (f *Flow) Record() flow.Record {
	r := flow.Record{
		Start:       f.First.Std(),
		End:         f.Last.Std(),
		Proto:       flow.ProtoName(f.Key.Proto),
		Src:         flow.Endpoint{IP: f.Key.Src.String(), MAC: f.MAC[Orig].String()},
		Dst:         flow.Endpoint{IP: f.Key.Dst.String(), MAC: f.MAC[Resp].String()},
		Packets:     flow.PerDir[uint64]{Src: f.Packets[Orig], Dst: f.Packets[Resp]},
		Bytes:       flow.PerDir[uint64]{Src: f.Bytes[Orig], Dst: f.Bytes[Resp]},
		State:       f.State(),
		Verdict:     f.Verdict.String(),
		CommunityID: flow.CommunityID(f.Key),
	}
	if f.Outcome != OutcomeNone && f.Outcome != OutcomePending {
		r.Outcome = f.Outcome.String()
	}
	switch f.Key.Proto {
	case flow.ProtoTCP, flow.ProtoUDP:
		r.Src.Port, r.Dst.Port = f.Key.SrcPort, f.Key.DstPort
	}
	if f.Key.Proto == flow.ProtoTCP {
		r.TCPFlags = &flow.PerDir[string]{Src: f.Flags[Orig].String(), Dst: f.Flags[Resp].String()}
	}
	return r
}
