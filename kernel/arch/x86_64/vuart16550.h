/* TEMPORARY shim until the vuart branch lands: transmit only. */
#ifndef TESSERA_VUART16550_SHIM_H
#define TESSERA_VUART16550_SHIM_H
#include <stdbool.h>
#include <stdint.h>
struct domain;
bool vuart16550_present(struct domain *d);
uint8_t vuart16550_read(struct domain *d, unsigned int reg);
void vuart16550_write(struct domain *d, unsigned int reg, uint8_t val);
#endif
