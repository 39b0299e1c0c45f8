package flow

// GuestRef names the guest behind one side of a flow or alert: what the
// identity table knows of it, for records. The zero value means unknown.
// Labels belong to the table that returned them: read them, never change
// them.
type GuestRef struct {
	Name string
	// Iface is the host-side switch port (vNIC) of the guest's interface
	// that matched, when known.
	Iface  string
	Labels map[string]string
}
