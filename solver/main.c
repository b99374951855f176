/* memflex: the command line of solver/cli_main.c with the built-in mechanisms. */
#include "mf_cli.h"

int main(int argc, char **argv)
{
  return MfMain(argc, argv, NULL);
}
