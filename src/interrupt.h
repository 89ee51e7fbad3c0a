/*
 * interrupt.h
 *		How the plain-C core lets PostgreSQL cancel long work.
 *
 * Every loop of the core that can run long (sorting, flattening, reading or
 * writing a large value, tracing a network) calls rr_check_interrupts() every
 * RR_INTERRUPT_STRIDE iterations or so.  Inside the server the glue sets the
 * hook to PostgreSQL's CHECK_FOR_INTERRUPTS(), which may not return: the core
 * therefore takes all its memory from the allocator it is given (palloc in
 * the server), so that a cancel leaves nothing behind.  In the unit tests and
 * fuzzers the hook is NULL or counts calls.
 */
#ifndef RR_INTERRUPT_H
#define RR_INTERRUPT_H

/* Iterations of cheap work between two checks (about 10 microseconds) */
#define RR_INTERRUPT_STRIDE 4096

/* Set once by the glue at load time; NULL outside the server */
extern void (*rr_interrupt_hook) (void);

static inline void
rr_check_interrupts(void)
{
	if (rr_interrupt_hook)
		rr_interrupt_hook();
}

/* Check every RR_INTERRUPT_STRIDE-th value of a loop counter */
static inline void
rr_check_interrupts_every(unsigned long long i)
{
	if ((i & (RR_INTERRUPT_STRIDE - 1)) == 0)
		rr_check_interrupts();
}

#endif							/* RR_INTERRUPT_H */
