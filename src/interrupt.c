/*
 * interrupt.c
 *		The core's interrupt hook (see interrupt.h).
 */
#include "interrupt.h"

void		(*rr_interrupt_hook) (void) = 0;
