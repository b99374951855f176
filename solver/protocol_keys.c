/* Keys of the electrical protocols (read by the run, built by MfProtocolBuild). */
#include "mf_protocol.h"
#include "mf_keys_table.h"

static const MfKey kProtocolKeys[] = {
  KE("protocol_type", "dc", "dc|sweep|pulse|retention", "electrical protocol"),
  KR("protocol_v_max", "V", "1 V", -100, 100, F, F, "sweep: maximum voltage"),
  KR("protocol_v_min", "V", "-1 V", -100, 100, F, F, "sweep: minimum voltage"),
  KR("protocol_forming_voltage", "V", "0 V", 0, 100, F, F, "sweep: cycle 0 (the pristine cell) ramps to this voltage instead of v_max, under device.forming_compliance (0 = no forming step)"),
  KR("protocol_rate", "V/s", "1 V/s", 0, 1e12, T, F, "sweep: ramp rate"),
  KI("protocol_cycles", "1", 1, 1000000, "sweep: number of cycles"),
  KR("protocol_step", "V", "10 mV", 0, 10, T, F, "sweep: voltage step"),
  KR("protocol_pulse_amplitude", "V", "1 V", -100, 100, F, F, "pulse: amplitude"),
  KR("protocol_pulse_width", "s", "100 ns", 0, 1e4, T, F, "pulse: width at full amplitude"),
  KR("protocol_pulse_rise", "s", "10 ns", 0, 1e4, F, F, "pulse: rise (and fall) time"),
  KR("protocol_pulse_period", "s", "1 us", 0, 1e6, T, F, "pulse: period"),
  KI("protocol_pulses", "1", 1, 1000000000, "pulse: number of pulses"),
  KB("protocol_read", "false", "sweep: a read pulse at device.read_voltage after the SET (positive) and after the RESET (negative) branch of every cycle; the source's compliance is off during reads, and R_on/R_off come from them"),
  KR("protocol_read_width", "s", "1 ms", 0, 1e4, T, F, "duration of a read pulse of protocol.read (the kinetics run at the read bias meanwhile)"),
  KR("protocol_duration", "s", "1000 s", 0, 1e10, T, F, "retention: duration of the bake (at device.ambient_temperature)"),
  KI("protocol_points", "25", 2, 100000, "retention: number of reads, log-spaced from duration*1e-6 to duration"),
  KR("protocol_program_temperature", "K", "", 0, 5000, T, F, "retention: environment temperature while programming (then the oven: device.ambient_temperature); unset = programme in the oven"),
  KR("protocol_program_voltage", "V", "0 V", -100, 100, F, F, "retention: program first by a ramp 0 -> this voltage -> read voltage (protocol.rate, protocol.step, under the compliance); 0 = bake the initial state"),
};

PetscErrorCode MfProtocolRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kProtocolKeys, MF_KEYS_N(kProtocolKeys)));
  PetscFunctionReturn(0);
}
