// Small layered box meshes for the bad-input tests of verification/mesh (lengths in nm, mesh in m).
//   gmsh -3 -format msh22 -setnumber variant 0 bad_stack.geo -o no_labels.msh      (no physical groups)
//   gmsh -3 -format msh22 -setnumber variant 1 bad_stack.geo -o no_top_contact.msh (regions, no top_contact)
DefineConstant[ variant = 0 ];
Mesh.ScalingFactor = 1e-9;
Point(1) = {0, 0, 0}; Point(2) = {100, 0, 0}; Point(3) = {100, 100, 0}; Point(4) = {0, 100, 0};
Line(1) = {1, 2}; Line(2) = {2, 3}; Line(3) = {3, 4}; Line(4) = {4, 1};
Curve Loop(1) = {1, 2, 3, 4};
Plane Surface(1) = {1};
Transfinite Curve{1:4} = 3;
Transfinite Surface{1};
Recombine Surface{1};
t[] = {50, 10, 50};
top = 1;
For k In {0:2}
  out[] = Extrude {0, 0, t[k]} { Surface{top}; Layers{2}; Recombine; };
  top = out[0];
  vol[k] = out[1];
  side~{k}[] = out[{2:5}];
EndFor
If (variant == 1)
  Physical Volume("bottom_electrode", 3) = {vol[0]};
  Physical Volume("functional", 4) = {vol[1]};
  Physical Volume("top_electrode", 5) = {vol[2]};
  Physical Surface("bottom_contact", 2) = {side_0[]};
  Physical Surface("sides", 4) = {side_1[], side_2[]};
EndIf
