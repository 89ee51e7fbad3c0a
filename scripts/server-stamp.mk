# Included after PGXS by every Makefile that builds server objects (the
# extension, test/fmgr): objects are for one server, and .server in the
# including directory names the one of the last build (its pg_config and
# version), rewritten when PG_CONFIG names another, so that switching
# servers in one tree rebuilds every object listed in STAMPED_OBJS.
server_now := $(shell command -v $(PG_CONFIG)) $(VERSION)
ifneq ($(server_now),$(shell cat .server 2>/dev/null))
$(shell echo '$(server_now)' >.server)
endif
$(STAMPED_OBJS) $(STAMPED_OBJS:.o=.bc): .server
