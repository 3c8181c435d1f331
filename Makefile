# Build rules for tokio-console.
#
# Plain `make` works on a Debian 12 machine that has the packages that
# `make deps` installs.  ./configure only finds things and records them in
# config.mak.autogen; a config.mak of your own is read last and wins.
#
#   make V=1                 show full command lines
#   make DEVELOPER=1         warnings are errors
#   make SANITIZE=address,undefined
#   make check               build and run the test suite (installs test deps)
#   make demo                run the console against the bundled demo

all::

# The one place the version is written: the binary (-DVERSION), the man
# pages and configure.ac (AC_INIT reads this line) take it from here.
VERSION = 0.1.0
PACKAGE = tokio-console

prefix = /usr/local
exec_prefix = $(prefix)
bindir = $(exec_prefix)/bin
datarootdir = $(prefix)/share
mandir = $(datarootdir)/man
man1dir = $(mandir)/man1
man5dir = $(mandir)/man5
bashcompdir = $(datarootdir)/bash-completion/completions
zshcompdir = $(datarootdir)/zsh/vendor-completions
fishcompdir = $(datarootdir)/fish/vendor_completions.d

CXX = g++
CXXFLAGS = -O2 -g
LDFLAGS =
AR = ar
PROTOC = protoc
GRPC_CPP_PLUGIN = grpc_cpp_plugin
PKG_CONFIG = pkg-config
INSTALL = install
PERL = perl
# The recorded fixtures the tests read (HdrHistogram vectors, real streams).
TC_SHARED = $(abspath ../shared)
export TC_SHARED
TEST_JOBS = 2

-include config.mak.autogen
-include config.mak

# Library flags: configure records them; without it ask pkg-config here.
define find-pkg
ifeq ($$(origin $(1)_CFLAGS),undefined)
$(1)_CFLAGS := $$(shell $$(PKG_CONFIG) --cflags $(2) 2>/dev/null)
$(1)_LIBS := $$(shell $$(PKG_CONFIG) --libs $(2) 2>/dev/null)
endif
endef
$(eval $(call find-pkg,PROTOBUF,protobuf))
$(eval $(call find-pkg,NGHTTP2,libnghttp2))
$(eval $(call find-pkg,OPENSSL,openssl))
$(eval $(call find-pkg,NCURSES,ncursesw))
$(eval $(call find-pkg,TOMLPP,tomlplusplus))
$(eval $(call find-pkg,GRPC,grpc++))
$(eval $(call find-pkg,ZSTD,libzstd))
$(eval $(call find-pkg,NLOHMANN_JSON,nlohmann_json))
$(eval $(call find-pkg,MHD,libmicrohttpd))
BOOST_PO_LIBS ?= -lboost_program_options

ifneq ($(V),1)
QUIET_CXX = @echo '   ' CXX $@;
QUIET_LINK = @echo '   ' LINK $@;
QUIET_AR = @echo '   ' AR $@;
QUIET_GEN = @echo '   ' GEN $@;
endif

WARNINGS = -Wall
ifeq ($(DEVELOPER),1)
WARNINGS += -Wextra -Werror -Wno-unused-parameter
endif
ifdef SANITIZE
SANITIZE_FLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
# Every report fails the run, a leak at exit included.  SIGSEGV is left to
# the console, whose handler gives the terminal back (t5002 checks that).
export ASAN_OPTIONS ?= halt_on_error=1:detect_leaks=1:handle_segv=0
export UBSAN_OPTIONS ?= halt_on_error=1:print_stacktrace=1
endif

BASIC_CPPFLAGS = -Iproto/gen -Ilib -I. -DVERSION='"$(VERSION)"'
ALL_CXXFLAGS = -std=c++20 $(WARNINGS) $(SANITIZE_FLAGS) $(CXXFLAGS)
ALL_LDFLAGS = $(SANITIZE_FLAGS) $(LDFLAGS)

# --- generated protobuf code --------------------------------------------
PROTO_NAMES = common tasks resources async_ops instrument trace update_view
PROTO_SRC = $(PROTO_NAMES:%=proto/%.proto)
PROTO_CC = $(PROTO_NAMES:%=proto/gen/%.pb.cc)
PROTO_H = $(PROTO_NAMES:%=proto/gen/%.pb.h)
PROTO_OBJ = $(PROTO_CC:.cc=.o)
# Hand-written, beside the generated code: reads an Update in pieces for
# both the wire layer and the model (proto/update_reader.h).
PROTO_READER_OBJ = proto/update_reader.o
PROTO_LIB = proto/libconsoleproto.a
GRPC_CC = proto/gen/instrument.grpc.pb.cc

$(PROTO_CC) $(PROTO_H) &: $(PROTO_SRC)
	@command -v $(PROTOC) >/dev/null || { echo "'$(PROTOC)' not found: run 'make deps' (or apt-get install protobuf-compiler)" >&2; exit 1; }
	@mkdir -p proto/gen
	$(QUIET_GEN)$(PROTOC) -Iproto --cpp_out=proto/gen $(PROTO_SRC)

$(GRPC_CC) $(GRPC_CC:.cc=.h) &: proto/instrument.proto $(PROTO_SRC)
	@mkdir -p proto/gen
	$(QUIET_GEN)$(PROTOC) -Iproto --grpc_out=proto/gen \
		--plugin=protoc-gen-grpc=$$(command -v $(GRPC_CPP_PLUGIN)) proto/instrument.proto

# --- our libraries, one per layer ---------------------------------------
WIRE_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/wire/*.cc))
MODEL_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/model/*.cc))
CONFIG_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/config/*.cc))
TUI_OBJ = $(patsubst %.cc,%.o,$(wildcard tui/*.cc))
PROGRAM_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/program/*.cc))
SESSION_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/session/*.cc))
UTIL_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/util/*.cc))
RECORD_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/record/*.cc))
VIEW_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/view/*.cc))
EXPORTER_OBJ = $(patsubst %.cc,%.o,$(wildcard lib/exporter/*.cc))
WIRE_LIB = lib/libwire.a
MODEL_LIB = lib/libmodel.a
CONFIG_LIB = lib/libconfig.a
TUI_LIB = tui/libtui.a
PROGRAM_LIB = lib/libprogram.a
SESSION_LIB = lib/libsession.a
UTIL_LIB = lib/libutil.a
RECORD_LIB = lib/librecord.a
VIEW_LIB = lib/libview.a
EXPORTER_LIB = lib/libexporter.a

# Link order: users before what they use.
CONSOLE_LIBS = $(PROGRAM_LIB) $(EXPORTER_LIB) $(TUI_LIB) $(VIEW_LIB) $(CONFIG_LIB) $(SESSION_LIB) $(RECORD_LIB) $(MODEL_LIB) $(WIRE_LIB) $(PROTO_LIB) $(UTIL_LIB)
EXT_LIBS = $(NCURSES_LIBS) $(TOMLPP_LIBS) $(BOOST_PO_LIBS) $(MHD_LIBS) $(NGHTTP2_LIBS) \
	$(OPENSSL_LIBS) $(PROTOBUF_LIBS) $(ZSTD_LIBS) -lpthread
EXT_CFLAGS = $(PROTOBUF_CFLAGS) $(NGHTTP2_CFLAGS) $(OPENSSL_CFLAGS) \
	$(NCURSES_CFLAGS) $(TOMLPP_CFLAGS) $(ZSTD_CFLAGS) $(NLOHMANN_JSON_CFLAGS) $(MHD_CFLAGS)

PROGRAMS = tokio-console
MAN_PAGES = man/tokio-console.1 man/tokio-console-exporter.1 man/console.toml.5 man/tokio-console-record.5

# --- tests --------------------------------------------------------------
UNIT_TESTS = $(patsubst %.cc,%,$(wildcard t/unit/*.cc))
TEST_HELPERS = $(patsubst %.cc,%,$(wildcard t/helper/*.cc))
PEER_OBJ = $(patsubst %.cc,%.o,$(wildcard t/peer/*.cc)) $(GRPC_CC:.cc=.o)
PEER = t/peer/console-peer
# The fuzz targets built as plain programs over their corpora (t/fuzz/corpus-main.cc).
FUZZ_CORPUS_PROGRAMS = $(patsubst t/fuzz/%-fuzz.cc,t/fuzz/%-corpus,$(wildcard t/fuzz/*-fuzz.cc))
TEST_PROGRAMS = $(UNIT_TESTS) $(TEST_HELPERS) $(FUZZ_CORPUS_PROGRAMS) $(PEER)

ALL_OBJ = $(PROTO_OBJ) $(PROTO_READER_OBJ) $(WIRE_OBJ) $(MODEL_OBJ) $(CONFIG_OBJ) $(TUI_OBJ) $(PROGRAM_OBJ) $(SESSION_OBJ) $(UTIL_OBJ) $(RECORD_OBJ) \
	$(VIEW_OBJ) $(EXPORTER_OBJ) bin/tokio-console.o $(UNIT_TESTS:%=%.o) $(TEST_HELPERS:%=%.o) $(PEER_OBJ) \
	$(FUZZ_CORPUS_PROGRAMS:%-corpus=%-fuzz.o) t/fuzz/corpus-main.o

all:: $(PROGRAMS) $(MAN_PAGES)

# Rebuild everything when the flags change (a file that holds them).
BUILD-FLAGS: FORCE
	@flags='$(CXX) $(BASIC_CPPFLAGS) $(CPPFLAGS) $(ALL_CXXFLAGS) $(ALL_LDFLAGS)'; \
	if test x"$$flags" != x"`cat $@ 2>/dev/null`"; then \
		echo "$$flags" > $@; fi

$(ALL_OBJ): BUILD-FLAGS | $(PROTO_H)

# Generated code is not ours to warn about.
$(PROTO_OBJ) $(GRPC_CC:.cc=.o): WARNINGS = -w
# The parsers of updates, a million tasks a second at most, built as the
# protobuf library itself is: without its debug checks (NDEBUG also lets
# its parsing helpers be inlined), and calling into the library without
# the PLT.  Together 5-8 % off the parse (t/helper/model-bench).
$(PROTO_OBJ) $(PROTO_READER_OBJ): EXT_CFLAGS += -DNDEBUG -fno-plt

%.o: %.cc
	$(QUIET_CXX)$(CXX) $(BASIC_CPPFLAGS) $(CPPFLAGS) $(EXT_CFLAGS) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<

$(PEER_OBJ): EXT_CFLAGS += $(GRPC_CFLAGS)
# The peer includes the generated gRPC service header.
$(PEER_OBJ): | $(GRPC_CC:.cc=.h)

$(PROTO_LIB): $(PROTO_OBJ) $(PROTO_READER_OBJ)
$(WIRE_LIB): $(WIRE_OBJ)
$(MODEL_LIB): $(MODEL_OBJ)
$(CONFIG_LIB): $(CONFIG_OBJ)
$(TUI_LIB): $(TUI_OBJ)
$(PROGRAM_LIB): $(PROGRAM_OBJ)
$(SESSION_LIB): $(SESSION_OBJ)
$(UTIL_LIB): $(UTIL_OBJ)
$(RECORD_LIB): $(RECORD_OBJ)
$(VIEW_LIB): $(VIEW_OBJ)
$(EXPORTER_LIB): $(EXPORTER_OBJ)
%.a:
	$(QUIET_AR)rm -f $@ && $(AR) rcs $@ $^

tokio-console: bin/tokio-console.o $(CONSOLE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(EXT_LIBS)

# Each test program links the layers it uses and the libraries those
# need, no more: a link error says when a layer starts to need another.
# A program in no list links everything.
MODEL_PROGRAMS = $(filter-out t/unit/model-filter,$(filter t/unit/model-% t/unit/hdr-% t/unit/task-details-% \
	t/unit/huge-pages t/unit/util-% t/unit/config-log,$(UNIT_TESTS)))
MODEL_WIRE_PROGRAMS = t/unit/update-view t/helper/model-bench t/helper/test-tool
WIRE_PROGRAMS = $(filter t/unit/wire-%,$(UNIT_TESTS)) t/helper/wire-bench t/helper/wire-probe \
	t/helper/wire-hostile
CONFIG_PROGRAMS = t/unit/config-cli t/unit/config-file t/unit/config-values t/unit/config-targets
RECORD_PROGRAMS = $(filter t/unit/record-%,$(UNIT_TESTS))
# lib/view needs no curses (the filter's keys come from its field tables);
# tui/ needs neither nghttp2 nor OpenSSL.
VIEW_PROGRAMS = t/unit/canvas-text t/unit/view-fields t/unit/view-cells t/unit/model-filter t/helper/filter-bench
TUI_PROGRAMS = t/helper/tui-bench t/unit/tui-filter-line t/unit/tui-table t/unit/tui-list-cache \
	t/unit/tui-keys t/helper/keys
PLAIN_PROGRAMS = t/helper/pty-exit t/helper/term-bytes t/helper/key-latency
FULL_PROGRAMS = $(filter-out $(MODEL_PROGRAMS) $(MODEL_WIRE_PROGRAMS) $(WIRE_PROGRAMS) $(CONFIG_PROGRAMS) \
	$(RECORD_PROGRAMS) $(VIEW_PROGRAMS) $(TUI_PROGRAMS) $(PLAIN_PROGRAMS),$(UNIT_TESTS) $(TEST_HELPERS))

BASE_LIBS = $(PROTO_LIB) $(UTIL_LIB)
WIRE_EXT_LIBS = $(NGHTTP2_LIBS) $(OPENSSL_LIBS) $(PROTOBUF_LIBS) -lpthread

$(MODEL_PROGRAMS): %: %.o $(MODEL_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(PROTOBUF_LIBS) -lpthread
$(MODEL_WIRE_PROGRAMS): %: %.o $(MODEL_LIB) $(WIRE_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(WIRE_EXT_LIBS)
$(WIRE_PROGRAMS): %: %.o $(WIRE_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(WIRE_EXT_LIBS)
$(CONFIG_PROGRAMS): %: %.o $(CONFIG_LIB) $(WIRE_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(TOMLPP_LIBS) $(BOOST_PO_LIBS) $(PROTOBUF_LIBS) -lpthread
$(RECORD_PROGRAMS): %: %.o $(RECORD_LIB) $(MODEL_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(ZSTD_LIBS) $(PROTOBUF_LIBS) -lpthread
$(VIEW_PROGRAMS): %: %.o $(VIEW_LIB) $(MODEL_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(PROTOBUF_LIBS) -lpthread
$(TUI_PROGRAMS): %: %.o $(TUI_LIB) $(VIEW_LIB) $(MODEL_LIB) $(BASE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(NCURSES_LIBS) $(PROTOBUF_LIBS) -lpthread
$(PLAIN_PROGRAMS): %: %.o $(UTIL_LIB)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^
$(FULL_PROGRAMS): %: %.o $(CONSOLE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(EXT_LIBS)
$(FUZZ_CORPUS_PROGRAMS): t/fuzz/%-corpus: t/fuzz/%-fuzz.o t/fuzz/corpus-main.o $(CONSOLE_LIBS)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(EXT_LIBS)

$(PEER): $(PEER_OBJ) $(MODEL_LIB) $(PROTO_LIB) $(UTIL_LIB)
	$(QUIET_LINK)$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(GRPC_LIBS) $(PROTOBUF_LIBS) -lpthread

man/%: man/%.in Makefile
	$(QUIET_GEN)sed -e 's/@VERSION@/$(VERSION)/g' $< > $@

-include $(ALL_OBJ:.o=.d)

# --- checks -------------------------------------------------------------
# check, demo and bench install the missing Debian packages first, then
# run again in a sub-make: only that one sees the freshly installed tools
# and the flags pkg-config gives for them, and nothing is compiled before
# the packages are there (a prerequisite beside them would race at -j2).
ifneq ($(SKIP_DEPS),1)
check check-steady demo bench soak: deps
	@$(MAKE) --no-print-directory SKIP_DEPS=1 $@
else
test-programs: $(PROGRAMS) $(TEST_PROGRAMS) $(MAN_PAGES)

check: test-programs
	@$(PERL) t/run-tests --jobs $(TEST_JOBS) $(UNIT_TESTS) t/t[0-9]*.sh

# Every tmux test ten times with the cores kept busy, then the sanitizer
# suite three times (t/check-steady.sh; STEADY_RUNS, STEADY_SPIN and
# STEADY_SAN_RUNS change that).
check-steady: test-programs
	@MAKE="$(MAKE)" sh t/check-steady.sh

demo: $(PROGRAMS) $(PEER)
	@sh t/demo-run

# Benchmarks: figures against their targets, not tests (t/bench/run).
bench: $(PROGRAMS) $(PEER) \
		$(filter t/helper/tui-bench t/helper/term-bytes t/helper/key-latency t/helper/model-bench t/helper/filter-bench \
			t/helper/record-bench t/helper/wire-bench%,$(TEST_HELPERS))
	@sh t/bench/run

# Long runs whose figures are printed, not checked (t/soak/run): peer
# churn under the console (SOAK_CYCLES, default 1000), ten minutes of
# keepalive against gRPC core's ping policy in real time (SOAK_SECONDS),
# and an hour against the demo with RSS and CPU each minute (SOAK_MINUTES).
soak: $(PROGRAMS) $(PEER) t/helper/wire-probe
	@sh t/soak/run
endif

# Fails when an #include crosses a layer (t/check-layers); make check runs
# it too, as t/t0001-layers.sh.
check-layers:
	@sh t/check-layers

# The README's set-up commands, verbatim, on a fresh Debian 12 root made
# by debootstrap (t/check-fresh.sh); needs root.  FRESH_CACHE keeps the
# base root between runs.
check-fresh:
	$(call install-debs,debootstrap tmux git perl)
	@$(PERL) t/run-tests --verbose t/check-fresh.sh

# --- dependencies: Debian packages for building and testing --------------
BUILD_DEPS = g++ make autoconf pkg-config libncurses-dev libprotobuf-dev \
	protobuf-compiler libnghttp2-dev libssl-dev libboost-program-options-dev \
	libtomlplusplus-dev libzstd-dev nlohmann-json3-dev libmicrohttpd-dev
TEST_DEPS = libgrpc++-dev protobuf-compiler-grpc tmux perl openssl man-db \
	groff-base procps zsh fish xz-utils iproute2 \
	prometheus curl

PACKAGE_DEPS = debhelper lintian dpkg-dev

# Installs the Debian packages named in $(1) that are missing; when that
# cannot be done, names them in one line and fails before anything builds.
define install-debs
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	test -z "$$missing" && exit 0; \
	missing=$$(echo $$missing); sudo=; \
	if test "$$(id -u)" != 0; then \
		if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=sudo; \
		else echo "missing Debian packages: $$missing; install them with: sudo apt-get install $$missing" >&2; exit 1; fi; \
	fi; \
	echo "installing: $$missing"; \
	{ $$sudo apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; } || \
	{ echo "missing Debian packages: $$missing; apt-get could not install them (see above); install them with: sudo apt-get install $$missing" >&2; exit 1; }
endef

deps:
	$(call install-debs,$(BUILD_DEPS) $(TEST_DEPS))

package-deps:
	$(call install-debs,$(PACKAGE_DEPS))

# --- fuzzing: the bytes from outside under libFuzzer (clang) --------------
# Each target has a seed corpus in the tree: t/fuzz/corpus (wire),
# t/fuzz/corpus-config (console.toml), t/fuzz/corpus-filter,
# t/fuzz/corpus-record, t/fuzz/corpus-replay and t/fuzz/corpus-hdr
# (histograms).
FUZZ_CXX = clang++
FUZZ_TIME = 60
# Undefined behaviour stops the run, so that libFuzzer keeps the input.
FUZZ_FLAGS = -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(BASIC_CPPFLAGS)
WIRE_FUZZ_SRC = lib/wire/message_reader.cc lib/wire/grpc_session.cc lib/wire/grpc_status.cc \
	lib/wire/error.cc lib/wire/update_split.cc proto/update_reader.cc lib/util/text.cc
# The console.toml reader without the command line (no Boost); toml++
# header-only, so that the parser is instrumented too.  Its internal
# assertions are off, as in Debian's build of the library (NDEBUG, and GCC
# has no __builtin_assume): toml++ 3.3 asserts on headers such as "[&"
# that it then reports as errors anyway (upstream issue #294).  For the
# same reason UBSan's unreachable check is off: toml++ 3.3 reaches a
# __builtin_unreachable for some non-ASCII letters where it looks for
# whitespace (upstream #295, fixed after 3.3); t/unit/config-file checks
# that the library the console links reports those as errors.
CONFIG_FUZZ_SRC = $(filter-out lib/config/cli.cc lib/config/help.cc lib/config/completion.cc, \
	$(wildcard lib/config/*.cc)) lib/wire/target.cc lib/util/log.cc lib/util/text.cc lib/util/file.cc \
	lib/util/duration.cc
FUZZ_TARGETS = t/fuzz/wire-fuzz t/fuzz/config-fuzz t/fuzz/filter-fuzz t/fuzz/record-fuzz \
	t/fuzz/replay-fuzz t/fuzz/hdr-fuzz

t/fuzz/wire-fuzz: t/fuzz/wire-fuzz.cc $(WIRE_FUZZ_SRC) $(PROTO_CC)
	$(QUIET_LINK)$(FUZZ_CXX) $(FUZZ_FLAGS) $(PROTOBUF_CFLAGS) $(NGHTTP2_CFLAGS) -o $@ $^ \
		$(NGHTTP2_LIBS) $(PROTOBUF_LIBS) -lpthread

# The filter line: the model's sources, so that the parser and the
# evaluator are instrumented, and the view's, whose field tables name the
# keys and format the cells they match; seed corpus in t/fuzz/corpus-filter.
FILTER_FUZZ_SRC = $(wildcard lib/model/*.cc) lib/util/huge_pages.cc lib/util/duration.cc proto/update_reader.cc
FILTER_FUZZ_KEYS = $(wildcard lib/view/*.cc) lib/util/text.cc

t/fuzz/filter-fuzz: t/fuzz/filter-fuzz.cc $(FILTER_FUZZ_SRC) $(FILTER_FUZZ_KEYS) $(PROTO_CC)
	$(QUIET_LINK)$(FUZZ_CXX) $(FUZZ_FLAGS) $(PROTOBUF_CFLAGS) -o $@ $^ $(PROTOBUF_LIBS) -lpthread

t/fuzz/config-fuzz: t/fuzz/config-fuzz.cc $(CONFIG_FUZZ_SRC)
	$(QUIET_LINK)$(FUZZ_CXX) $(FUZZ_FLAGS) -fno-sanitize=unreachable -DTOML_HEADER_ONLY=1 \
		'-DTOML_ASSERT(e)=static_cast<void>(0)' \
		-o $@ $^ -lpthread

# The recording readers (ours and console-subscriber's JSON lines).
t/fuzz/record-fuzz: t/fuzz/record-fuzz.cc $(wildcard lib/record/*.cc) lib/util/text.cc lib/util/duration.cc $(PROTO_CC)
	$(QUIET_LINK)$(FUZZ_CXX) $(FUZZ_FLAGS) $(ZSTD_CFLAGS) $(PROTOBUF_CFLAGS) -o $@ $^ \
		$(ZSTD_LIBS) $(PROTOBUF_LIBS) -lpthread

# A whole replay: session::RecordingSource over either format, made a
# fleet (one member per recorded application), played, sought and
# stepped into the models, all of it instrumented.
REPLAY_FUZZ_SRC = lib/session/recording_source.cc lib/session/recording_fleet.cc lib/session/fleet.cc \
	lib/session/session.cc lib/session/recorder.cc \
	$(wildcard lib/record/*.cc) $(FILTER_FUZZ_SRC) lib/util/text.cc lib/util/heap.cc lib/util/log.cc

t/fuzz/replay-fuzz: t/fuzz/replay-fuzz.cc $(REPLAY_FUZZ_SRC) $(PROTO_CC)
	$(QUIET_LINK)$(FUZZ_CXX) $(FUZZ_FLAGS) $(ZSTD_CFLAGS) $(PROTOBUF_CFLAGS) -o $@ $^ \
		$(ZSTD_LIBS) $(PROTOBUF_LIBS) -lpthread

# HdrHistogram V2 decoding, the histograms' bytes from the application.
t/fuzz/hdr-fuzz: t/fuzz/hdr-fuzz.cc lib/model/hdr_histogram.cc
	$(QUIET_LINK)$(FUZZ_CXX) $(FUZZ_FLAGS) -o $@ $^

# Runs each target for FUZZ_TIME seconds from its seed corpus; what a run
# finds is left in t/fuzz/work-NAME and crash-* files.
fuzz:
	@command -v $(FUZZ_CXX) >/dev/null || { echo "fuzz: $(FUZZ_CXX) not found: apt-get install clang libclang-rt-14-dev"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)
	@rm -rf t/fuzz/work-wire && mkdir -p t/fuzz/work-wire && cp t/fuzz/corpus/* t/fuzz/work-wire/
	t/fuzz/wire-fuzz -max_total_time=$(FUZZ_TIME) -max_len=65536 t/fuzz/work-wire
	@rm -rf t/fuzz/work-config && mkdir -p t/fuzz/work-config && cp t/fuzz/corpus-config/* t/fuzz/work-config/
	t/fuzz/config-fuzz -max_total_time=$(FUZZ_TIME) -max_len=65536 t/fuzz/work-config
	@rm -rf t/fuzz/work-filter && mkdir -p t/fuzz/work-filter && cp t/fuzz/corpus-filter/* t/fuzz/work-filter/
	t/fuzz/filter-fuzz -max_total_time=$(FUZZ_TIME) -max_len=4096 t/fuzz/work-filter
	@rm -rf t/fuzz/work-record && mkdir -p t/fuzz/work-record && cp t/fuzz/corpus-record/* t/fuzz/work-record/
	t/fuzz/record-fuzz -max_total_time=$(FUZZ_TIME) -max_len=65536 t/fuzz/work-record
	@rm -rf t/fuzz/work-replay && mkdir -p t/fuzz/work-replay && cp t/fuzz/corpus-replay/* t/fuzz/work-replay/
	t/fuzz/replay-fuzz -max_total_time=$(FUZZ_TIME) -max_len=65536 t/fuzz/work-replay
	@rm -rf t/fuzz/work-hdr && mkdir -p t/fuzz/work-hdr && cp t/fuzz/corpus-hdr/* t/fuzz/work-hdr/
	t/fuzz/hdr-fuzz -max_total_time=$(FUZZ_TIME) -max_len=65536 t/fuzz/work-hdr

# --- configure, install, dist -------------------------------------------
configure: configure.ac
	$(QUIET_GEN)autoconf -o $@ $<

# Completion scripts come from the built binary.
COMPLETIONS = completions/tokio-console completions/_tokio-console \
	completions/tokio-console.fish
completions/tokio-console: tokio-console
	@mkdir -p completions
	$(QUIET_GEN)./tokio-console gen-completion bash >$@+ && mv $@+ $@
completions/_tokio-console: tokio-console
	@mkdir -p completions
	$(QUIET_GEN)./tokio-console gen-completion zsh >$@+ && mv $@+ $@
completions/tokio-console.fish: tokio-console
	@mkdir -p completions
	$(QUIET_GEN)./tokio-console gen-completion fish >$@+ && mv $@+ $@

install: all $(COMPLETIONS)
	$(INSTALL) -d -m 755 "$(DESTDIR)$(bindir)" "$(DESTDIR)$(man1dir)" "$(DESTDIR)$(man5dir)" \
		"$(DESTDIR)$(bashcompdir)" "$(DESTDIR)$(zshcompdir)" "$(DESTDIR)$(fishcompdir)"
	$(INSTALL) -m 755 tokio-console "$(DESTDIR)$(bindir)/tokio-console"
	$(INSTALL) -m 644 man/tokio-console.1 "$(DESTDIR)$(man1dir)/tokio-console.1"
	$(INSTALL) -m 644 man/tokio-console-exporter.1 "$(DESTDIR)$(man1dir)/tokio-console-exporter.1"
	$(INSTALL) -m 644 man/console.toml.5 "$(DESTDIR)$(man5dir)/console.toml.5"
	$(INSTALL) -m 644 man/tokio-console-record.5 "$(DESTDIR)$(man5dir)/tokio-console-record.5"
	$(INSTALL) -m 644 completions/tokio-console "$(DESTDIR)$(bashcompdir)/tokio-console"
	$(INSTALL) -m 644 completions/_tokio-console "$(DESTDIR)$(zshcompdir)/_tokio-console"
	$(INSTALL) -m 644 completions/tokio-console.fish "$(DESTDIR)$(fishcompdir)/tokio-console.fish"

uninstall:
	rm -f "$(DESTDIR)$(bindir)/tokio-console" \
		"$(DESTDIR)$(man1dir)/tokio-console.1" "$(DESTDIR)$(man1dir)/tokio-console-exporter.1" \
		"$(DESTDIR)$(man5dir)/console.toml.5" \
		"$(DESTDIR)$(man5dir)/tokio-console-record.5" \
		"$(DESTDIR)$(bashcompdir)/tokio-console" "$(DESTDIR)$(zshcompdir)/_tokio-console" \
		"$(DESTDIR)$(fishcompdir)/tokio-console.fish"

# Builds the Debian package from the dist tarball, lints it, installs it.
check-package: package-deps dist
	rm -rf .pkgcheck && mkdir .pkgcheck && tar -C .pkgcheck -xzf $(DIST).tar.gz
	cd .pkgcheck/$(DIST) && DEB_BUILD_OPTIONS="nocheck $(DEB_BUILD_OPTIONS)" \
		dpkg-buildpackage -us -uc -b
	lintian --fail-on error .pkgcheck/$(PACKAGE)_*.deb
	sudo=; test "$$(id -u)" = 0 || sudo=sudo; \
		$$sudo dpkg -i .pkgcheck/$(PACKAGE)_*.deb && tokio-console --version
	rm -rf .pkgcheck
	@echo "the package builds, lints clean and installs"

DIST = $(PACKAGE)-$(VERSION)
dist: configure
	git archive --format=tar --prefix=$(DIST)/ --add-file=configure HEAD | gzip -9 > $(DIST).tar.gz
	@echo "wrote $(DIST).tar.gz"

distcheck: dist
	rm -rf .distcheck && mkdir .distcheck && tar -C .distcheck -xzf $(DIST).tar.gz
	cd .distcheck/$(DIST) && ./configure && $(MAKE) && \
		$(MAKE) check SKIP_DEPS=1 TC_SHARED="$(TC_SHARED)" && \
		$(MAKE) install DESTDIR=$$PWD/../inst
	rm -rf .distcheck
	@echo "$(DIST).tar.gz is ready"

clean:
	rm -f $(ALL_OBJ) $(ALL_OBJ:.o=.d) $(PROTO_LIB) $(WIRE_LIB) $(MODEL_LIB) \
		$(CONFIG_LIB) $(TUI_LIB) $(PROGRAM_LIB) $(SESSION_LIB) $(UTIL_LIB) $(RECORD_LIB) $(VIEW_LIB) $(EXPORTER_LIB) $(PROGRAMS) $(TEST_PROGRAMS) $(MAN_PAGES) BUILD-FLAGS
	rm -rf proto/gen t/trash.* $(DIST).tar.gz .distcheck $(FUZZ_TARGETS) t/fuzz/work-* completions .pkgcheck

distclean: clean
	rm -f config.mak.autogen config.log config.status configure
	rm -rf autom4te.cache

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

.PHONY: all check check-layers check-fresh check-steady test-programs demo bench soak deps package-deps install uninstall dist distcheck check-package \
	clean distclean format fuzz FORCE
