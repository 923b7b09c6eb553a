// SPDX-License-Identifier: GPL-2.0-only
// A DSDT shaped like QEMU q35's, for test_pci_root: a _CRS for a device
// that is not a root bridge, then the root bridge's own _CRS in a Scope
// as QEMU writes it, then a second root bridge (an expander) at bus 0x80.
DefinitionBlock ("", "DSDT", 2, "TESSRA", "PCIROOT", 1)
{
	Scope (_SB) {
		Device (PCI0) {
			Name (_HID, EisaId ("PNP0A08"))
			Name (_UID, 0)
		}
		Device (HPET) {
			Name (_HID, EisaId ("PNP0103"))
			Name (_CRS, ResourceTemplate () {
				Memory32Fixed (ReadOnly, 0xFED00000, 0x400)
			})
		}
		Device (PC80) {
			Name (_HID, EisaId ("PNP0A08"))
			Name (_UID, 1)
			Name (_CRS, ResourceTemplate () {
				WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode,
					0, 0x80, 0x8f, 0, 0x10)
				DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,
					NonCacheable, ReadWrite, 0, 0xfe000000, 0xfe0fffff, 0, 0x100000)
			})
		}
	}
	Scope (\_SB.PCI0) {
		Name (_CRS, ResourceTemplate () {
			WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode,
				0, 0, 0x7f, 0, 0x80)
			IO (Decode16, 0x0CF8, 0x0CF8, 0x01, 0x08)
			WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange,
				0, 0, 0x0CF7, 0, 0x0CF8)
			WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange,
				0, 0x0D00, 0xFFFF, 0, 0xF300)
			DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,
				Cacheable, ReadWrite, 0, 0x000A0000, 0x000BFFFF, 0, 0x20000)
			DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,
				NonCacheable, ReadWrite, 0, 0xC0000000, 0xFEBFFFFF, 0, 0x3EC00000)
			QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,
				Cacheable, ReadWrite, 0, 0x100000000, 0x8FFFFFFFF, 0, 0x800000000)
			DWordMemory (ResourceConsumer, PosDecode, MinFixed, MaxFixed,
				NonCacheable, ReadWrite, 0, 0xD0000000, 0xD0000FFF, 0, 0x1000)
		})
	}
}
