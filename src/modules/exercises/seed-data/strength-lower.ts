import { steps, type SeedExercise } from './define.js'

export const strengthLower: SeedExercise[] = [
  {
    name: 'Barbell Back Squat',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['hamstrings', 'adductors', 'lower_back', 'abs'],
    equipment_needed: ['barbell'],
    description: 'The foundational lower-body lift with the bar on the upper back.',
    instructions: steps('Set the bar on the upper back, feet about shoulder-width apart, toes turned slightly out.', 'Brace and sit down between the heels, knees tracking over the toes, until the hips are at or below knee height.', 'Drive up through the whole foot to standing; use safety bars for heavy sets.')
  },
  {
    name: 'Barbell Front Squat',
    category: 'strength',
    difficulty_level: 'advanced',
    primary_muscles: ['quadriceps'],
    secondary_muscles: ['glutes', 'abs', 'upper_back'],
    equipment_needed: ['barbell'],
    description: 'A squat with the bar on the front of the shoulders; an upright torso puts more work on the quadriceps.',
    instructions: steps('Rest the bar on the front of the shoulders with elbows high, fingers under the bar.', 'Squat down keeping the torso upright and the elbows up.', 'Stand up by pushing through the mid foot without letting the chest drop.')
  },
  {
    name: 'Goblet Squat',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['adductors', 'abs'],
    equipment_needed: ['kettlebell'],
    description: 'A squat holding one weight at the chest; the counterweight makes good depth easy to learn.',
    instructions: steps('Hold a kettlebell by the horns against the chest, feet a little wider than the hips.', 'Squat down between the legs, elbows inside the knees, chest tall.', 'Stand back up by driving through the feet.')
  },
  {
    name: 'Smith Machine Squat',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['hamstrings', 'adductors'],
    equipment_needed: ['smith_machine'],
    description: 'A squat with the bar on fixed rails, which removes balance demands and allows built-in safety stops.',
    instructions: steps('Set the safety stops, place the bar on the upper back and step the feet slightly forward.', 'Unhook the bar and squat down until the thighs are about parallel to the floor.', 'Push back up and rotate the bar to re-hook it after the set.')
  },
  {
    name: 'Conventional Deadlift',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['hamstrings', 'glutes', 'lower_back'],
    secondary_muscles: ['quadriceps', 'traps', 'forearms', 'lats'],
    equipment_needed: ['barbell'],
    description: 'Lifting a loaded bar from the floor to standing; trains the whole posterior chain and grip.',
    instructions: steps('Stand with the mid foot under the bar, grip it just outside the legs and bring the shins to the bar.', 'Flatten the back, take the slack out of the bar and push the floor away until you stand tall.', 'Lower the bar along the legs by pushing the hips back first.')
  },
  {
    name: 'Romanian Deadlift',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['hamstrings', 'glutes'],
    secondary_muscles: ['lower_back', 'forearms'],
    equipment_needed: ['barbell'],
    description: 'A hip hinge from standing that loads the hamstrings in a stretched position.',
    instructions: steps('Stand holding the bar at the hips with soft knees.', 'Push the hips back and slide the bar down the thighs, back flat, until the hamstrings are stretched.', 'Drive the hips forward to return to standing.')
  },
  {
    name: 'Dumbbell Walking Lunge',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['hamstrings', 'adductors', 'calves'],
    equipment_needed: ['dumbbell'],
    description: 'Alternating forward lunges that travel, training each leg and balance.',
    instructions: steps('Stand tall with a dumbbell in each hand.', 'Step forward and lower until both knees are bent about 90 degrees, back knee just above the floor.', 'Push through the front foot and bring the back leg forward into the next step.')
  },
  {
    name: 'Bulgarian Split Squat',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['hamstrings', 'adductors'],
    equipment_needed: ['dumbbell', 'bench'],
    description: 'A single-leg squat with the rear foot raised on a bench.',
    instructions: steps('Stand in front of a bench and rest the top of one foot on it behind you, dumbbells in hand.', 'Lower straight down until the front thigh is about parallel to the floor.', 'Drive up through the front foot; finish the set and switch legs.')
  },
  {
    name: 'Leg Press',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['hamstrings', 'adductors'],
    equipment_needed: ['machine'],
    description: 'A machine press for the legs that allows heavy loading with the back supported.',
    instructions: steps('Sit in the machine with feet shoulder-width apart on the platform and release the safeties.', 'Lower the platform until the knees are bent about 90 degrees, keeping the lower back on the pad.', 'Press back up without locking the knees hard.')
  },
  {
    name: 'Lying Leg Curl',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['hamstrings'],
    secondary_muscles: ['calves'],
    equipment_needed: ['machine'],
    description: 'A machine curl that isolates the hamstrings by bending the knee.',
    instructions: steps('Lie face down with the pad just above the heels and the knees just off the bench edge.', 'Curl the heels toward the glutes while keeping the hips on the bench.', 'Lower slowly to almost straight legs.')
  },
  {
    name: 'Leg Extension',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps'],
    secondary_muscles: [],
    equipment_needed: ['machine'],
    description: 'A seated machine movement that isolates the quadriceps.',
    instructions: steps('Sit with the pad on the front of the ankles and the knees in line with the machine pivot.', 'Straighten the legs until the knees are extended.', 'Lower under control.')
  },
  {
    name: 'Barbell Hip Thrust',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['glutes'],
    secondary_muscles: ['hamstrings', 'adductors'],
    equipment_needed: ['barbell', 'bench'],
    description: 'A hip extension with the upper back on a bench, loading the glutes at full hip extension.',
    instructions: steps('Sit with the upper back against a bench and a padded bar over the hips, feet flat.', 'Drive the hips up until the torso and thighs form a straight line, chin tucked.', 'Squeeze the glutes at the top and lower the hips toward the floor.')
  },
  {
    name: 'Glute Bridge',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['glutes'],
    secondary_muscles: ['hamstrings', 'abs'],
    equipment_needed: ['mat'],
    description: 'A floor version of the hip thrust, a common first glute exercise.',
    instructions: steps('Lie on the back with knees bent and feet flat near the hips.', 'Press through the heels to lift the hips until the body is straight from shoulders to knees.', 'Hold briefly and lower.')
  },
  {
    name: 'Standing Calf Raise',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['calves'],
    secondary_muscles: [],
    equipment_needed: ['none'],
    description: 'Rising onto the toes from a step edge to train the calves through a full range.',
    instructions: steps('Stand with the balls of the feet on a step, heels hanging off, holding a rail for balance.', 'Lower the heels below the step, then rise as high as possible onto the toes.', 'Pause at the top; hold a dumbbell or use one leg to progress.')
  },
  {
    name: 'Copenhagen Plank',
    category: 'strength',
    difficulty_level: 'advanced',
    primary_muscles: ['adductors', 'obliques'],
    secondary_muscles: ['abs'],
    equipment_needed: ['bench'],
    description: 'A side plank with the top leg on a bench, which loads the inner thigh strongly.',
    instructions: steps('Lie on one side beside a bench and place the top leg on it, bench under the knee or ankle.', 'Lift the hips and the bottom leg off the floor so the body is straight, supported by the forearm and top leg.', 'Hold for time, then switch sides; support at the knee is easier than at the ankle.')
  },
  {
    name: 'Banded Lateral Walk',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['abductors', 'glutes'],
    secondary_muscles: [],
    equipment_needed: ['resistance_band'],
    description: 'Side steps against a loop band that train the hip abductors, including the gluteus medius.',
    instructions: steps('Place a loop band around the legs above the knees or at the ankles and sit into a quarter squat.', 'Step sideways with one foot, then follow with the other while keeping tension on the band.', 'Take the planned number of steps and return in the other direction.')
  },
  {
    name: 'Kettlebell Swing',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['glutes', 'hamstrings'],
    secondary_muscles: ['lower_back', 'abs', 'shoulders', 'forearms'],
    equipment_needed: ['kettlebell'],
    description: 'A ballistic hip hinge that builds power in the posterior chain and conditioning.',
    instructions: steps('Stand behind the kettlebell, hinge and hike it back between the legs.', 'Snap the hips forward to float the bell to chest height with straight arms.', 'Let it fall back between the legs, hinging at the hips, and repeat.')
  },
  {
    name: 'Stability Ball Hamstring Curl',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['hamstrings', 'glutes'],
    secondary_muscles: ['abs', 'calves'],
    equipment_needed: ['stability_ball'],
    description: 'A bridge with the heels on a ball, rolling it in to curl the hamstrings.',
    instructions: steps('Lie on the back with the heels on a stability ball and lift the hips into a bridge.', 'Keeping the hips up, bend the knees to roll the ball toward the glutes.', 'Roll it back out to straight legs without letting the hips drop.')
  }
]
